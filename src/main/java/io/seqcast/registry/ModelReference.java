package io.seqcast.registry;

/**
 * What a client names: {@code NAME} (the model's {@code production} alias, else its latest version),
 * {@code NAME@7} (a version) or {@code NAME@ALIAS}.
 *
 * @param name the model name
 * @param version the version, or 0 when not given by number
 * @param alias the alias, or {@code null}
 */
public record ModelReference(String name, int version, String alias) {

    /** Parses and validates a reference; invalid names give {@link InvalidModelNameException}. */
    public static ModelReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidModelNameException("model reference is empty");
        }
        int at = reference.indexOf('@');
        if (at < 0) {
            return new ModelReference(ModelNames.require("model name", reference), 0, null);
        }
        String name = ModelNames.require("model name", reference.substring(0, at));
        String tail = reference.substring(at + 1);
        if (!tail.isEmpty() && tail.chars().allMatch(Character::isDigit)) {
            try {
                int version = Integer.parseInt(tail);
                if (version >= 1) {
                    return new ModelReference(name, version, null);
                }
            } catch (NumberFormatException e) {
                // too many digits: fall through to the error below
            }
            throw new InvalidModelNameException("model version '" + tail + "' must be a number from 1 to " + Integer.MAX_VALUE);
        }
        return new ModelReference(name, 0, ModelNames.require("alias", tail));
    }

    @Override
    public String toString() {
        return version > 0 ? name + "@" + version : alias != null ? name + "@" + alias : name;
    }
}
