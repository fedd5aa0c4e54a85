package nl.noaber.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPlaceTest {
    @Test
    void theValueThatEndsWhereTheDecoderStoppedIsNamedByItsPath() {
        assertThat(JsonPlace.at("{\"requestId\": \"abc\"}", 1, 20)).isEqualTo("requestId");
        String listing = "{\"title\": \"x\", \"schedule\": {\"type\": \"RECURRING\", \"days\": [\"MON\", \"DINSDAG\"]}}";
        assertThat(JsonPlace.at(listing, 1, listing.indexOf("DINSDAG") + 1 + 8)).isEqualTo("schedule.days[1]");
        String object = "{\"title\": {\"nl\": \"x\"}}";
        assertThat(JsonPlace.at(object, 1, object.indexOf("{\"nl") + 2)).isEqualTo("title");
        String lines = "{\"a\": 1,\n \"b\": 2.5}";
        assertThat(JsonPlace.at(lines, 2, 10)).isEqualTo("b");
        assertThat(JsonPlace.at("[1, 2]", 1, 2)).isNull();
    }

    @Test
    void aPropertyNamedOnceIsFoundAndOneNamedTwiceIsNot() {
        assertThat(JsonPlace.property("{\"schedule\": {\"startsAt\": \"morgen\"}}", "startsAt")).isEqualTo("schedule.startsAt");
        assertThat(JsonPlace.property("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}", "x")).isNull();
        assertThat(JsonPlace.property("{\"a\": 1}", "x")).isNull();
    }

    @Test
    void onlyOneWholeJsonValueIsWellFormed() {
        assertThat(JsonPlace.wellFormed("{\"a\": [1, {\"b\": null}]}")).isTrue();
        assertThat(JsonPlace.wellFormed("{\"a\": 1,, }")).isFalse();
        assertThat(JsonPlace.wellFormed("{\"a\": 1} {}")).isFalse();
        assertThat(JsonPlace.wellFormed("")).isFalse();
    }
}
