package dev.vigil.ingest.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON parse failures in the sender's terms. Jackson's messages name its own configuration
 * ({@code StreamReadConstraints.getMaxNestingDepth()}), character codes and source descriptions;
 * a client needs to know what in its document is wrong and where.
 */
public final class JsonProblems {

    /** Jackson's "(1000, from `StreamReadConstraints.getMaxNestingDepth()`)". */
    private static final Pattern CONSTRAINT = Pattern.compile("\\((\\d+), from `StreamReadConstraints\\.getMax(\\w+)\\(\\)`\\)");
    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code -?\\d+\\)");
    private static final Pattern INTERNAL_DETAIL = Pattern.compile("`[^`]*`|\\s*\\n.*", Pattern.DOTALL);

    private JsonProblems() {
    }

    /** "malformed JSON at line 1, column 17: ..." for any failure reading a JSON body. */
    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException json) {
            return "malformed JSON" + at(json.getLocation()) + ": " + problem(json);
        }
        return "malformed JSON: " + clean(e.getMessage() == null ? "unreadable" : e.getMessage());
    }

    /** The same for a message that arrives as text only (framework binding errors); unchanged when it names no internals. */
    public static String clean(String message) {
        Matcher limit = CONSTRAINT.matcher(message);
        if (limit.find()) {
            return constraint(limit.group(2), limit.group(1));
        }
        if (message.contains("`") || message.contains("(code ") || message.contains("com.fasterxml")) {
            return INTERNAL_DETAIL.matcher(CHARACTER_CODE.matcher(message).replaceAll("")).replaceAll("").trim();
        }
        return message;
    }

    private static String problem(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            Matcher limit = CONSTRAINT.matcher(original);
            if (limit.find()) {
                return constraint(limit.group(2), limit.group(1));
            }
        }
        return clean(original);
    }

    private static String constraint(String which, String max) {
        return switch (which) {
            case "NestingDepth" -> "objects and arrays are nested more than " + max + " levels deep";
            case "NumberLength" -> "a number is longer than " + max + " characters";
            case "NameLength" -> "a field name is longer than " + max + " characters";
            case "StringLength" -> "a string is longer than " + max + " characters";
            case "DocumentLength" -> "the document is longer than " + max + " characters";
            case "TokenCount" -> "the document has more than " + max + " values";
            default -> "the document is larger or deeper than allowed";
        };
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
