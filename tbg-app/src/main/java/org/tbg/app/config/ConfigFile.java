package org.tbg.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A ckpool.conf-format file read into its top-level object: JSON with {@code //} and {@code /* *\/}
 * comments and trailing commas tolerated, a key written twice refused. Every failure is a
 * {@link ConfigException} that names the file and, for bad JSON, the line and column.
 */
final class ConfigFile {
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a key written twice is a mistake, not an override
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigFile() {
    }

    /** @param shape what the object should look like, for the message when it is not an object */
    static ObjectNode read(Path file, String shape) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("config: " + file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new ConfigException("config: " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ConfigException("config: cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config: " + file + " must hold one JSON object" + shape);
        }
        return (ObjectNode) root;
    }
}
