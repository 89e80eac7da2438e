package org.tbg.app.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code tbg --version}: the version the jar manifest carries, and the Java it runs on. */
public final class TbgVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TbgVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "tbg " + (version == null ? "(development build, not run from tbg.jar)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
