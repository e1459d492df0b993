package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/scenario.schema.json agrees with the parser")
class SchemaTest {
    static JsonNode schema;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper strict = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        schema = strict.readTree(Files.readString(Path.of("../../docs/scenario.schema.json")));
    }

    static Set<String> properties(JsonNode object) {
        Set<String> out = new TreeSet<>();
        Iterator<String> names = object.path("properties").fieldNames();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    @DisplayName("is strict JSON (no duplicate keys, nothing after the document) declaring JSON Schema draft 2020-12")
    void isDraft202012() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals("object", schema.path("type").asText());
        assertTrue(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean());
    }

    @Test
    @DisplayName("has every top-level key the parser accepts, and no other")
    void topLevelKeys() {
        assertEquals(new TreeSet<>(Keys.TOP), properties(schema));
    }

    @Test
    @DisplayName("has, for every section, exactly the keys the parser accepts there")
    void sectionKeys() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("site", Keys.SITE);
        sections.put("impairment", Keys.IMPAIRMENT);
        sections.put("wan", Keys.WAN);
        sections.put("defaults", Keys.DEFAULTS);
        sections.put("defaultTrack", Keys.DEFAULT_TRACK);
        sections.put("defaultTraffic", Keys.DEFAULT_TRAFFIC);
        sections.put("group", Keys.GROUP);
        sections.put("node", Keys.NODE_ANY);
        sections.put("host", Keys.HOST);
        sections.put("hostInterface", Keys.HOST_INTERFACE);
        sections.put("bond", Keys.BOND);
        sections.put("router", Keys.ROUTER);
        sections.put("routedInterface", Keys.ROUTED_INTERFACE);
        sections.put("switch", Keys.SWITCH);
        sections.put("switchPort", Keys.SWITCH_PORT);
        sections.put("mlag", Keys.MLAG);
        sections.put("vlanInterface", Keys.VLAN_INTERFACE);
        sections.put("route", Keys.ROUTE);
        sections.put("trackObject", Keys.TRACK_OBJECT);
        sections.put("trackRef", Keys.TRACK_REF);
        sections.put("vrrp", Keys.VRRP);
        sections.put("hsrp", Keys.HSRP);
        sections.put("glbp", Keys.GLBP);
        sections.put("glbpWeighting", Keys.GLBP_WEIGHTING);
        sections.put("anycast", Keys.ANYCAST);
        sections.put("link", Keys.LINK);
        sections.put("flow", Keys.FLOW);
        sections.put("event", Keys.EVENT);
        sections.put("impairEvent", Keys.IMPAIR_EVENT);
        sections.put("setPriority", Keys.SET_PRIORITY);
        sections.put("setGateway", Keys.SET_GATEWAY);
        sections.put("expectation", Keys.EXPECT);
        List<String> variant = new ArrayList<>(Keys.TOP);
        variant.remove("variants");
        sections.put("variant", variant);
        for (String protocol : List.of("vrrp", "hsrp", "glbp")) {
            List<String> keys = new ArrayList<>(protocol.equals("vrrp") ? Keys.VRRP : protocol.equals("hsrp") ? Keys.HSRP : Keys.GLBP);
            keys.removeAll(Keys.GROUP_IDENTITY);
            sections.put(protocol + "Defaults", keys);
        }
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            JsonNode def = schema.path("$defs").path(e.getKey());
            assertTrue(def.isObject(), "no $defs/" + e.getKey());
            assertEquals(new TreeSet<>(e.getValue()), properties(def), "keys of $defs/" + e.getKey());
        }
    }

    @Test
    @DisplayName("lists exactly the node kinds the parser knows")
    void kinds() {
        Set<String> inSchema = new TreeSet<>();
        schema.path("$defs").path("node").path("properties").path("kind").path("enum").forEach(k -> inSchema.add(k.asText()));
        Set<String> parser = new TreeSet<>();
        for (NodeKind k : NodeKind.values()) parser.add(k.yamlName());
        assertEquals(parser, inSchema);
    }

    @Test
    @DisplayName("every $ref points at an existing definition")
    void refsResolve() {
        List<String> dangling = new ArrayList<>();
        collectRefs(schema, dangling);
        assertEquals(List.of(), dangling);
    }

    private static void collectRefs(JsonNode n, List<String> dangling) {
        if (n.isObject()) {
            JsonNode ref = n.get("$ref");
            if (ref != null) {
                String target = ref.asText();
                if (!target.startsWith("#/$defs/") || !schema.path("$defs").has(target.substring("#/$defs/".length()))) dangling.add(target);
            }
            n.elements().forEachRemaining(c -> collectRefs(c, dangling));
        } else if (n.isArray()) {
            n.elements().forEachRemaining(c -> collectRefs(c, dangling));
        }
    }
}
