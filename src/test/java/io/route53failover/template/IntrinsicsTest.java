package io.route53failover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
  private static final String TEMPLATE =
      """
      Parameters:
        Name: {Type: String, Default: ""}
        Ids: {Type: CommaDelimitedList, Default: ""}
      Conditions:
        HasName: !Not [!Equals [!Ref Name, ""]]
        HasIds: !Not [!Equals [!Join ["", !Ref Ids], ""]]
        Both: !And [!Condition HasName, !Condition HasIds]
        Either: !Or [!Condition HasName, !Condition HasIds]
      Resources:
        R:
          Properties:
            Value: !If [HasName, !Sub "name-${Name}", none]
            Nested: [{Inner: !If [Both, !Join [",", !Ref Ids], !Ref Name]}]
            Optional: !If [HasName, !Ref Name, !Ref AWS::NoValue]
            List: [first, !If [HasIds, !Ref Name, !Ref AWS::NoValue], last]
            Split: !Split [",", !Sub "arn:${Name},arn:x"]
      """;

  private static JsonNode template() throws Exception {
    return CfnYaml.read(TEMPLATE);
  }

  @Test
  void conditionsFollowTheValues() throws Exception {
    JsonNode t = template();
    Map<String, String> none = Map.of("Name", "", "Ids", "");
    Map<String, String> name = Map.of("Name", "a", "Ids", "");
    Map<String, String> both = Map.of("Name", "a", "Ids", "x,y");

    assertThat(Intrinsics.condition("HasName", t, none)).isFalse();
    assertThat(Intrinsics.condition("Either", t, none)).isFalse();
    assertThat(Intrinsics.condition("HasName", t, name)).isTrue();
    assertThat(Intrinsics.condition("Both", t, name)).isFalse();
    assertThat(Intrinsics.condition("Either", t, name)).isTrue();
    assertThat(Intrinsics.condition("HasIds", t, both)).isTrue();
    assertThat(Intrinsics.condition("Both", t, both)).isTrue();
  }

  @Test
  void ifChoosesTheBranchAtAnyDepthWithoutChangingTheInput() throws Exception {
    JsonNode t = template();
    JsonNode properties = t.at("/Resources/R/Properties");
    Map<String, String> both = Map.of("Name", "a", "Ids", "x,y");

    JsonNode chosen = Intrinsics.chooseBranches(properties, t, both);

    assertThat(Intrinsics.resolve(chosen.get("Value"), both)).isEqualTo("name-a");
    assertThat(Intrinsics.resolve(chosen.at("/Nested/0/Inner"), both)).isEqualTo("x,y");
    assertThat(properties.get("Value").has("Fn::If")).isTrue();
    Map<String, String> none = Map.of("Name", "", "Ids", "");
    assertThat(Intrinsics.resolve(Intrinsics.chooseBranches(properties, t, none).get("Value"), none))
        .isEqualTo("none");
  }

  @Test
  void noValueRemovesThePropertyOrTheListElementItIsChosenFor() throws Exception {
    JsonNode t = template();
    JsonNode properties = t.at("/Resources/R/Properties");
    Map<String, String> name = Map.of("Name", "a", "Ids", "");
    Map<String, String> none = Map.of("Name", "", "Ids", "");

    JsonNode withName = Intrinsics.chooseBranches(properties, t, name);
    JsonNode withNone = Intrinsics.chooseBranches(properties, t, none);

    assertThat(Intrinsics.resolve(withName.get("Optional"), name)).isEqualTo("a");
    assertThat(withNone.has("Optional")).isFalse();
    assertThat(Intrinsics.resolveList(withNone.get("List"), none)).containsExactly("first", "last");
    Map<String, String> both = Map.of("Name", "a", "Ids", "x");
    assertThat(Intrinsics.resolveList(Intrinsics.chooseBranches(properties, t, both).get("List"), both))
        .containsExactly("first", "a", "last");
  }

  @Test
  void splitAndSingleStringsResolveToLists() throws Exception {
    JsonNode t = template();
    Map<String, String> name = Map.of("Name", "a", "Ids", "");

    assertThat(Intrinsics.resolveList(t.at("/Resources/R/Properties/Split"), name))
        .containsExactly("arn:a", "arn:x");
    assertThat(Intrinsics.resolveList(CfnYaml.read("!Ref Name"), name)).containsExactly("a");
  }

  @Test
  void unknownConditionsAndFunctionsAreErrors() throws Exception {
    JsonNode t = template();
    assertThatThrownBy(() -> Intrinsics.condition("Nope", t, Map.of()))
        .hasMessageContaining("no condition Nope");
    assertThatThrownBy(() -> Intrinsics.resolve(CfnYaml.read("!GetAtt A.B"), Map.of()))
        .hasMessageContaining("cannot resolve Fn::GetAtt");
  }
}
