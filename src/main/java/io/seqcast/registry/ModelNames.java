package io.seqcast.registry;

import java.util.regex.Pattern;

/**
 * Valid model and alias names: {@code ^[a-z0-9][a-z0-9._-]{0,63}$}. Nothing else reaches a file
 * path or a query, so there are no path tricks ({@code ..}, slashes) to defend against further down.
 */
public final class ModelNames {

    public static final String PATTERN = "^[a-z0-9][a-z0-9._-]{0,63}$";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ModelNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns {@code name} or throws {@link InvalidModelNameException} naming what was wrong. */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw new InvalidModelNameException(what + " '" + name + "' is not valid: use 1 to 64 characters of a-z, 0-9, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
