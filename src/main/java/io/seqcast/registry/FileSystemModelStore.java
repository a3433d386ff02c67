package io.seqcast.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versions as folders: {@code <dir>/<name>/<version>/{model.safetensors, manifest.json}} and the
 * aliases of a model in {@code <dir>/<name>/aliases.json}, like TensorFlow Serving's model base path.
 *
 * <p>Crash safety: a version is written into {@code <dir>/<name>/.tmp-<uuid>/}, both files and the
 * folder are fsynced, and the folder is renamed to its number in one {@code rename(2)}; a process
 * killed at any point leaves at most a hidden temporary folder (removed when a store next opens over
 * the folder: every one of this store's temporaries, {@code .tmp-<uuid>}, {@code .tmp-deleting-<uuid>}
 * and {@code .tmp-aliases.json-<uuid>}, last modified before the process started). The rename fails when the number was taken meanwhile (by
 * another process), and the write retries with the next number. Aliases are written to a temporary
 * file, fsynced and renamed over {@code aliases.json}. An {@code aliases.json} that cannot be read
 * (not a JSON object of valid alias names to positive versions) is an {@link AliasStoreException},
 * never read as "no aliases"; {@link #replaceAliases} rewrites it and keeps the unreadable file beside
 * it as {@code .aliases.json.corrupt-<millis>}. A deleted version leaves a {@code .deleted-<v>}
 * tombstone so its number is never handed out again.
 *
 * <p>Another tool may drop a version in: it is picked up by the registry's polling once the folder
 * holds both files (copy it in under another name and rename it, as this store does, so that a
 * half-copied version is never looked at; a sha256 mismatch is refused).
 */
public final class FileSystemModelStore implements ModelStore {

    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String ALIASES_FILE = "aliases.json";
    private static final String TMP_PREFIX = ".tmp-";
    private static final String TOMBSTONE_PREFIX = ".deleted-";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** The names of this store's temporaries, and nothing else (another tool's copies are left alone). */
    private static final java.util.regex.Pattern OWN_TEMPORARY = java.util.regex.Pattern.compile(
            "\\.tmp-(deleting-|" + java.util.regex.Pattern.quote(ALIASES_FILE) + "-)?" + UUID_PATTERN);
    private static final Logger log = LoggerFactory.getLogger(FileSystemModelStore.class);

    private final Path root;

    /** Opens the store, removing temporaries left by a process that died before this one started. */
    public FileSystemModelStore(Path root) {
        this(root, ProcessStart.instant());
    }

    /**
     * @param staleBefore this store's temporaries last modified before it are left-overs of a dead
     *     writer and are removed (a writer that is alive touches its folder as it writes)
     */
    FileSystemModelStore(Path root, Instant staleBefore) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model folder " + this.root, e);
        }
        removeStaleTemporaries(staleBefore);
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "file system " + root;
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(ModelNames::isValid)
                    .sorted()
                    .forEach(n -> {
                        if (!versions(n).isEmpty()) {
                            names.add(n);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return names;
    }

    @Override
    public SortedSet<Integer> versions(String name) {
        Path dir = modelDir(name);
        SortedSet<Integer> versions = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                int v = versionNumber(p.getFileName().toString());
                if (v > 0 && Files.isRegularFile(p.resolve(MANIFEST_FILE)) && Files.isRegularFile(p.resolve(WEIGHTS_FILE))) {
                    versions.add(v);
                }
            });
        } catch (NoSuchFileException e) {
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return versions;
    }

    @Override
    public Map<String, Integer> aliases(String name) {
        Path file = modelDir(name).resolve(ALIASES_FILE);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new AliasStoreException("the aliases of model '" + name + "' cannot be read (" + e.getMessage()
                    + "); PUT /models/" + name + "/aliases/{alias} rewrites them", e);
        }
        try {
            return AliasesJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new AliasStoreException("the aliases of model '" + name + "' are corrupt: " + ALIASES_FILE + " "
                    + e.getMessage() + "; PUT /models/" + name + "/aliases/{alias} rewrites them", e);
        }
    }

    @Override
    public ModelManifest manifest(String name, int version) {
        Path file = versionDir(name, version).resolve(MANIFEST_FILE);
        try {
            return ManifestJson.read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelNotFoundException("model " + name + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public byte[] weights(String name, int version) {
        Path file = versionDir(name, version).resolve(WEIGHTS_FILE);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelNotFoundException("model " + name + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public ModelManifest create(String name, byte[] weights, ModelManifest manifest) {
        Path dir = modelDir(name);
        String sha256 = Sha256.hex(weights);
        Path tmp = dir.resolve(TMP_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            Files.createDirectory(tmp);
            writeDurably(tmp.resolve(WEIGHTS_FILE), weights);
            for (int attempt = 0; attempt < 1000; attempt++) {
                int version = nextVersion(name);
                ModelManifest stored = manifest.withRegistration(name, version, sha256);
                writeDurably(tmp.resolve(MANIFEST_FILE), ManifestJson.write(stored));
                fsyncDirectory(tmp);
                Path target = dir.resolve(Integer.toString(version));
                try {
                    // rename(2) of a folder onto a missing name is atomic, and fails on an existing non-empty one
                    // (ENOTEMPTY, which Java reports as a plain FileSystemException).
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException taken) {
                    if (Files.exists(target)) {
                        continue; // another writer took the number: try the next
                    }
                    throw taken;
                }
                fsyncDirectory(dir);
                fsyncDirectory(root);
                return stored;
            }
            throw new IllegalStateException("could not allocate a version number for " + name + " in " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a version of " + name + " under " + dir, e);
        } finally {
            deleteRecursively(tmp);
        }
    }

    @Override
    public synchronized void setAlias(String name, String alias, int version) {
        ModelNames.require("alias", alias);
        if (!versions(name).contains(version)) {
            throw new ModelNotFoundException("model " + name + " has no version " + version);
        }
        Map<String, Integer> aliases = new TreeMap<>(aliases(name));
        aliases.put(alias, version);
        writeAliases(name, aliases);
    }

    @Override
    public synchronized void replaceAliases(String name, Map<String, Integer> aliases) {
        for (Map.Entry<String, Integer> a : aliases.entrySet()) {
            ModelNames.require("alias", a.getKey());
            if (!versions(name).contains(a.getValue())) {
                throw new ModelNotFoundException("model " + name + " has no version " + a.getValue());
            }
        }
        Path file = modelDir(name).resolve(ALIASES_FILE);
        try {
            aliases(name);
        } catch (AliasStoreException unreadable) {
            // Kept for whoever looks into why it broke; the dot keeps it out of every listing.
            Path kept = modelDir(name).resolve("." + ALIASES_FILE + ".corrupt-" + System.currentTimeMillis());
            try {
                Files.copy(file, kept);
                log.warn("Replacing the unreadable {}; the old file is kept as {}", file, kept);
            } catch (IOException e) {
                log.warn("Replacing the unreadable {} (cannot keep a copy: {})", file, e.toString());
            }
        }
        writeAliases(name, new TreeMap<>(aliases));
    }

    @Override
    public synchronized boolean removeAlias(String name, String alias) {
        ModelNames.require("alias", alias);
        Map<String, Integer> aliases = new TreeMap<>(aliases(name));
        if (aliases.remove(alias) == null) {
            return false;
        }
        writeAliases(name, aliases);
        return true;
    }

    @Override
    public synchronized boolean deleteVersion(String name, int version) {
        Path dir = versionDir(name, version);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Path modelDir = modelDir(name);
        Path trash = modelDir.resolve(TMP_PREFIX + "deleting-" + UUID.randomUUID());
        try {
            // The tombstone first: the number is never handed out again, even if we die right after.
            Path tombstone = modelDir.resolve(TOMBSTONE_PREFIX + version);
            if (!Files.exists(tombstone)) {
                Files.createFile(tombstone);
            }
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(modelDir);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
        deleteRecursively(trash);
        return true;
    }

    private int nextVersion(String name) throws IOException {
        int max = 0;
        try (Stream<Path> entries = Files.list(modelDir(name))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String f = p.getFileName().toString();
                int v = versionNumber(f.startsWith(TOMBSTONE_PREFIX) ? f.substring(TOMBSTONE_PREFIX.length()) : f);
                max = Math.max(max, v);
            }
        }
        return max + 1;
    }

    private void writeAliases(String name, Map<String, Integer> aliases) {
        Path dir = modelDir(name);
        Path tmp = dir.resolve(TMP_PREFIX + ALIASES_FILE + "-" + UUID.randomUUID());
        try {
            writeDurably(tmp, AliasesJson.write(aliases));
            Files.move(tmp, dir.resolve(ALIASES_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the aliases of " + name + " in " + dir, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort; a stale temporary is removed later
            }
        }
    }

    private Path modelDir(String name) {
        return root.resolve(ModelNames.require("model name", name));
    }

    private Path versionDir(String name, int version) {
        if (version < 1) {
            throw new ModelNotFoundException("model " + name + " has no version " + version);
        }
        return modelDir(name).resolve(Integer.toString(version));
    }

    /** A folder name that is a version number (1, 2, ... without leading zeros), else 0. */
    static int versionNumber(String fileName) {
        if (fileName.isEmpty() || fileName.length() > 9 || fileName.charAt(0) == '0') {
            return 0;
        }
        for (int i = 0; i < fileName.length(); i++) {
            if (!Character.isDigit(fileName.charAt(i)) || fileName.charAt(i) > '9') {
                return 0;
            }
        }
        return Integer.parseInt(fileName);
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a folder for fsync; the rename itself is still atomic.
            log.debug("cannot fsync folder {}: {}", dir, e.toString());
        }
    }

    private void removeStaleTemporaries(Instant cutoff) {
        try (Stream<Path> models = Files.list(root)) {
            for (Path model : (Iterable<Path>) models::iterator) {
                if (!Files.isDirectory(model)) {
                    continue;
                }
                try (Stream<Path> entries = Files.list(model)) {
                    for (Path p : (Iterable<Path>) entries::iterator) {
                        if (OWN_TEMPORARY.matcher(p.getFileName().toString()).matches()
                                && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                            log.info("Removing a stale temporary {} left by an interrupted write", p);
                            deleteRecursively(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("cannot scan {} for stale temporaries: {}", root, e.toString());
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", path, e.toString());
        }
    }

    /** {@code aliases.json}: {@code {"production": 3, "staging": 4}}. */
    static final class AliasesJson {

        private static final tools.jackson.databind.json.JsonMapper MAPPER = tools.jackson.databind.json.JsonMapper.builder().build();

        static byte[] write(Map<String, Integer> aliases) {
            return MAPPER.writeValueAsBytes(new TreeMap<>(aliases));
        }

        /**
         * Every entry or nothing: one unreadable entry makes the whole file unreadable, since dropping
         * it could silently move what a bare name serves.
         *
         * @throws IllegalArgumentException saying what is wrong
         */
        static Map<String, Integer> read(byte[] json) {
            Map<?, ?> raw;
            try {
                raw = MAPPER.readValue(json, Map.class);
            } catch (tools.jackson.core.JacksonException e) {
                throw new IllegalArgumentException("is not a JSON object of alias to version: " + e.getOriginalMessage(), e);
            }
            if (raw == null) {
                throw new IllegalArgumentException("is null, not a JSON object of alias to version");
            }
            Map<String, Integer> aliases = new LinkedHashMap<>();
            raw.forEach((k, v) -> {
                if (k instanceof String alias && ModelNames.isValid(alias) && v instanceof Integer version && version > 0) {
                    aliases.put(alias, version);
                } else {
                    throw new IllegalArgumentException("has an invalid entry " + k + " -> " + v
                            + " (an alias name and a version number of at least 1)");
                }
            });
            return aliases;
        }
    }
}
