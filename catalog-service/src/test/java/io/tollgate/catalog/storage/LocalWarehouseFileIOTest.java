package io.tollgate.catalog.storage;

import org.apache.iceberg.exceptions.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a caller of the local FileIO is told about its files, in the locations it used. */
class LocalWarehouseFileIOTest {
    @TempDir
    Path warehouse;

    @Test
    void aMissingFileIsNotFoundByTheLocationAskedForInIcebergsWords() {
        String location = "file://" + warehouse.resolve("sales/orders/metadata/00001-gone.metadata.json");
        LocalWarehouseFileIO io = new LocalWarehouseFileIO(LocalRoot.of("file://" + warehouse), 1 << 20);

        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> io.newInputFile(location).newStream());

        assertEquals("Failed to open input stream for file: " + location, missing.getMessage());
    }
}
