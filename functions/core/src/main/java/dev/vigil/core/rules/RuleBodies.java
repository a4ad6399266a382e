package dev.vigil.core.rules;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored text of an API rule: the YAML of its fields, exactly the entry a rules file would hold, so an
 * operator can paste it into a file and the loader reads it with the same code either way.
 */
public final class RuleBodies {

    private RuleBodies() {
    }

    public static String toText(Map<String, Object> fields) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
                .dump(plain(fields));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> fromText(String text) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(root instanceof Map<?, ?> m)) {
            throw new RuleSetException("stored rule is not a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** JSON parsers hand out BigDecimal and friends; YAML wants plain numbers, strings, lists and maps. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof BigInteger i) {
            return i.bitLength() < 64 ? (Object) i.longValue() : i.doubleValue();
        }
        if (value instanceof Number || value instanceof Boolean || value == null) {
            return value;
        }
        return String.valueOf(value);
    }
}
