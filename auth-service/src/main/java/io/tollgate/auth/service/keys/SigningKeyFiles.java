package io.tollgate.auth.service.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads signing keys from files: every non-hidden regular file of a directory (a Kubernetes
 * Secret volume shows its keys as symlinks next to hidden {@code ..data} entries), and listed
 * files. A file holds one key, as PEM or as a JWK (JSON); its kid is the JWK's own {@code kid},
 * else the file name without its extension.
 *
 * <p>Any file that is not a usable key stops the start-up: a half-read key set would quietly stop
 * verifying some tokens. Messages name the file, never its contents.
 */
final class SigningKeyFiles {
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private SigningKeyFiles() {
    }

    /** Every key of the directory (by file name) and then of the listed files. */
    static List<JWK> load(String keysDir, List<String> keyFiles) {
        List<Path> files = new ArrayList<>();
        if (keysDir != null && !keysDir.isBlank()) {
            files.addAll(listDirectory(Path.of(keysDir)));
        }
        keyFiles.stream().filter(f -> !f.isBlank()).map(Path::of).forEach(files::add);
        return files.stream().map(SigningKeyFiles::read).toList();
    }

    /** One key file, with its kid and {@code use=sig} set; the algorithm is set by the caller. */
    static JWK read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw invalid(file, "larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing key file " + file, e);
        }
        JWK parsed;
        String kid;
        try {
            if (text.startsWith("{")) {
                parsed = JWK.parse(text);
                kid = parsed.getKeyID() != null ? parsed.getKeyID() : stem(file);
            } else if (text.startsWith("-----BEGIN")) {
                parsed = PemKeys.parse(text);
                kid = stem(file);
            } else {
                throw invalid(file, "neither PEM nor a JWK");
            }
        } catch (ParseException e) {
            throw invalid(file, "not a valid JWK");
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
        if (!KID.matcher(kid).matches()) {
            throw invalid(file, "its kid must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (parsed.getKeyUse() != null && !KeyUse.SIGNATURE.equals(parsed.getKeyUse())) {
            throw invalid(file, "its \"use\" is not \"sig\"");
        }
        Map<String, Object> json = parsed.toJSONObject();
        json.put("kid", kid);
        json.put("use", KeyUse.SIGNATURE.identifier());
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw invalid(file, "not a valid JWK");
        }
    }

    private static List<Path> listDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("signing keys directory " + dir + " does not exist");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list signing keys directory " + dir, e);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        for (String extension : List.of(".pem", ".key", ".jwk", ".json")) {
            if (name.endsWith(extension) && name.length() > extension.length()) {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }

    private static IllegalStateException invalid(Path file, String problem) {
        return new IllegalStateException("signing key file " + file + ": " + problem);
    }
}
