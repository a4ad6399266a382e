package dev.vigil.agent.logs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns the raw bytes of one log line into text fit to match, send and show in an email. */
final class LineText {

    private LineText() {
    }

    /**
     * Decodes UTF-8 with U+FFFD for invalid bytes, turns tabs into spaces, drops every other control
     * character (ANSI escapes, NUL, CR, C1 controls), trims, and cuts to {@code maxChars} (ending in "…").
     */
    static String clean(byte[] bytes, int offset, int length, int maxChars) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
        StringBuilder out = new StringBuilder(Math.min(chars.length(), maxChars + 1));
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c == '\t') {
                out.append(' ');
            } else if (c == 0x1B && i + 1 < chars.length() && chars.charAt(i + 1) == '[') {
                i = skipAnsi(chars, i + 2);
            } else if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                out.append(c);
            }
        }
        String text = out.toString().strip();
        if (text.length() > maxChars) {
            int cut = maxChars - 1;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut) + "…";
        }
        return text;
    }

    /** Index of the last character of an ANSI CSI sequence starting after "ESC [". */
    private static int skipAnsi(CharSequence chars, int from) {
        int i = from;
        while (i < chars.length() && (chars.charAt(i) < 0x40 || chars.charAt(i) > 0x7E)) {
            i++;
        }
        return Math.min(i, chars.length() - 1);
    }
}
