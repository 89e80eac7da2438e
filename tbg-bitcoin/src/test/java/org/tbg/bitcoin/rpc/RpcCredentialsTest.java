package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcCredentialsTest {

    @Test
    void parsesCoreCookie() {
        // Core writes "__cookie__:" and 64 hex characters, without a trailing newline.
        RpcCredentials c = RpcCredentials.parseCookie("__cookie__:7f1c3a0b9e2d4c5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b");

        assertThat(c.user()).isEqualTo("__cookie__");
        assertThat(c.password()).isEqualTo("7f1c3a0b9e2d4c5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b");
    }

    @Test
    void passwordIsEverythingAfterTheFirstColonAndTrailingNewlineIsIgnored() {
        RpcCredentials c = RpcCredentials.parseCookie("user:pa:ss\n");

        assertThat(c.user()).isEqualTo("user");
        assertThat(c.password()).isEqualTo("pa:ss");
    }

    @Test
    void rejectsMalformedCookies() {
        assertThatThrownBy(() -> RpcCredentials.parseCookie("no-colon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcCredentials.parseCookie(":password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcCredentials.parseCookie("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RpcCredentials.parseCookie("a:b\nc:d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsCookieFile(@TempDir Path dir) throws IOException {
        Path cookie = dir.resolve(".cookie");
        Files.writeString(cookie, "__cookie__:secret");

        assertThat(RpcCredentials.readCookie(cookie)).isEqualTo(new RpcCredentials("__cookie__", "secret"));
    }

    @Test
    void malformedCookieFileIsAnIoErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path cookie = dir.resolve(".cookie");
        Files.writeString(cookie, "garbage");

        assertThatThrownBy(() -> RpcCredentials.readCookie(cookie)).isInstanceOf(IOException.class).hasMessageContaining(".cookie");
    }

    @Test
    void authorizationHeaderFollowsRfc7617() {
        // The example of RFC 7617 section 2.
        assertThat(new RpcCredentials("Aladdin", "open sesame").authorizationHeader())
                .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(new RpcCredentials("user", "hunter2").toString()).contains("user").doesNotContain("hunter2");
    }
}
