package io.seqcast.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted API keys, held only as SHA-256 digests. {@link #matches} compares a presented key's
 * digest with every stored digest using {@link MessageDigest#isEqual} and without stopping at the
 * first match, so the time taken says nothing about the keys (neither their content nor length).
 */
final class ApiKeys {

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    static ApiKeys from(SecurityProperties properties) {
        List<byte[]> digests = new ArrayList<>();
        if (properties.apiKeys() != null) {
            for (String key : properties.apiKeys()) {
                add(digests, key);
            }
        }
        if (properties.apiKeysFile() != null) {
            try {
                for (String line : Files.readAllLines(properties.apiKeysFile(), StandardCharsets.UTF_8)) {
                    if (!line.strip().startsWith("#")) {
                        add(digests, line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read seqcast.security.api-keys-file " + properties.apiKeysFile(), e);
            }
        }
        return new ApiKeys(digests);
    }

    private static void add(List<byte[]> digests, String key) {
        if (key != null && !key.isBlank()) {
            digests.add(sha256(key.strip()));
        }
    }

    int size() {
        return digests.size();
    }

    boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(d, digest);
        }
        return match;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
