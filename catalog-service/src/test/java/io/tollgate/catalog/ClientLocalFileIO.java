package io.tollgate.catalog;

import io.tollgate.catalog.storage.LocalWarehouseFileIO;
import io.tollgate.catalog.storage.LocalRoot;
import io.tollgate.catalog.storage.WarehouseRoot;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * The FileIO a test's Iceberg client writes manifests with: the local disk, unconfined (a client
 * with access to the disk can write anywhere; what the catalog then accepts is what is tested).
 * Iceberg loads it by class name, so it needs a public no-argument constructor.
 */
public class ClientLocalFileIO implements FileIO {
    private final FileIO disk = new LocalWarehouseFileIO((LocalRoot) WarehouseRoot.of("/"), Long.MAX_VALUE);

    @Override
    public InputFile newInputFile(String location) {
        return disk.newInputFile(location);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return disk.newOutputFile(location);
    }

    @Override
    public void deleteFile(String location) {
        disk.deleteFile(location);
    }
}
