// The four trace formats, printed from one Counterexample: JSON round-trips
// and rejects what it cannot read, the text swimlanes and Mermaid have the
// expected structure, the HTML is self-contained, and output is deterministic.
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/explorer/toy_model.hpp"
#include "tests/traces/trace_fixtures.hpp"

using namespace replicheck;
using namespace replicheck::testing;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// A trace with a fault and a client operation, which two-phase has not.
Counterexample with_fault_and_client() {
  Counterexample cx{"hand-made", {{"regions", "2"}}, PropertyRef{"p", PropertyKind::Always, "p holds"}, {}};
  cx.trace.lanes = {"east", "west"};
  cx.trace.steps = {
      {"", 0, {{"east", "0"}, {"west", "0"}}, {}},
      {"client writes x=1 at east", 0, {{"east", "0"}, {"west", "0"}}, {"east", StepKind::Client, "", "w(x,1)", "op1"}},
      {"partition east | west", 1, {{"east", "0"}, {"west", "0"}}, {"east", StepKind::Fault, "west", "partition", ""}},
      {"east applies x=1", 0, {{"east", "1"}, {"west", "0"}}, {"east", StepKind::Local, "", "", ""}},
      {"write x=1 returns", 0, {{"east", "1"}, {"west", "0"}}, {"east", StepKind::Client, "", "w(x,1)", "op1"}},
  };
  return cx;
}

}  // namespace

TEST_CASE("the JSON trace round-trips and names its schema version") {
  Counterexample cx = mutant(Found::Bfs);
  nlohmann::ordered_json j = to_json(cx);
  CHECK(j["schema_version"] == kTraceSchemaVersion);
  CHECK(j["model"] == "two-phase");
  CHECK(j["params"]["bug"] == "commit-early");
  CHECK(j["property"]["name"] == "consistent");
  CHECK(j["length"] == 5);
  CHECK(j["steps"].size() == 5);
  CHECK(j["steps"][0]["kind"] == "send");
  CHECK(j["steps"][0]["peer"] == "TM");
  Counterexample back = counterexample_from_json(j);
  CHECK(to_json(back) == j);
  CHECK(back.trace.lanes == cx.trace.lanes);
  REQUIRE(back.trace.steps.size() == cx.trace.steps.size());
  for (std::size_t i = 0; i < cx.trace.steps.size(); ++i) {
    CHECK(back.trace.steps[i].state == cx.trace.steps[i].state);
    CHECK(back.trace.steps[i].info == cx.trace.steps[i].info);
    CHECK(back.trace.steps[i].action_index == cx.trace.steps[i].action_index);
  }
  Counterexample hand = with_fault_and_client();
  CHECK(to_json(counterexample_from_json(to_json(hand))) == to_json(hand));
}

TEST_CASE("a JSON trace this build cannot read is refused with the field that is wrong") {
  nlohmann::ordered_json good = to_json(mutant(Found::Bfs));
  auto refuses = [](nlohmann::ordered_json j, const std::string& why) {
    try {
      counterexample_from_json(j);
      FAIL("accepted a bad trace, wanted: " << why);
    } catch (const TraceFileError& e) {
      CHECK_THAT(e.what(), Catch::Contains(why));
    }
  };
  auto j = good;
  j["schema_version"] = 2;
  refuses(j, "schema_version 2 is not supported");
  j = good;
  j.erase("steps");
  refuses(j, "missing field 'steps'");
  j = good;
  j["steps"][1]["action_index"] = "two";
  refuses(j, "'steps[1].action_index' is not an index");
  j = good;
  j["steps"][2]["kind"] = "teleport";
  refuses(j, "unknown step kind 'teleport'");
  j = good;
  j["property"]["kind"] = "eventually";
  refuses(j, "unknown property kind 'eventually'");
  refuses(nlohmann::ordered_json::array(), "not an object");
}

TEST_CASE("text swimlanes: one column per lane, arrows for messages, diffs, one closing sentence") {
  Counterexample cx = mutant(Found::Bfs);
  auto out = lines(text_swimlanes(cx));
  // Legend, blank, header, then the initial state (6 fields).
  REQUIRE(out.size() > 10);
  CHECK(out[2] == "  step  TM           rm0          rm1          rm2");
  CHECK(out[3].find("initial state") != std::string::npos);
  CHECK(out[4] == "          tm = undecided");
  std::size_t sends = 0, deliveries = 0, rows = 0;
  for (const auto& l : out) {
    if (l.find("prepares and sends") != std::string::npos) {
      ++sends;
      CHECK(l.find("~~Prepared~~") != std::string::npos);
    }
    if (l.find("receives") != std::string::npos) {
      ++deliveries;
      CHECK(l.find('o') != std::string::npos);
      CHECK(l.find("--") != std::string::npos);
    }
    rows += l.size() > 6 && l[5] >= '1' && l[5] <= '9' && l.substr(0, 5) == "     ";
  }
  CHECK(sends == 1);
  CHECK(deliveries == 2);
  CHECK(rows == 5);
  // Step rows show only changed fields: 'tm = ...' appears once, in step 0.
  CHECK(std::count(out.begin(), out.end(), "          rm0 = working") == 1);
  CHECK(out.back().starts_with("  Step 5 violates always property 'consistent'"));

  auto hand = lines(text_swimlanes(with_fault_and_client()));
  bool fault_row = false;
  for (const auto& l : hand) fault_row |= l.find("# partition #") != std::string::npos;
  CHECK(fault_row);
}

TEST_CASE("a model without trace metadata prints on one lane") {
  Toy toy;
  toy.limit = 1;
  Result r = Bfs<Toy>(toy, SearchOptions{}).run();
  Counterexample cx = counterexample({"toy", {}, "bfs", 1}, r.properties.at(0));
  CHECK(cx.trace.lanes == std::vector<std::string>{"system"});
  for (std::size_t i = 1; i < cx.trace.steps.size(); ++i) CHECK(cx.trace.steps[i].info.lane == "system");
  auto out = lines(text_swimlanes(cx));
  CHECK(out[2] == "  step  system");
  CHECK(mermaid_sequence(cx).find("Note over L0: 1. increment b") != std::string::npos);
}

TEST_CASE("Mermaid: a participant per lane, async arrows for sends, solid for deliveries") {
  auto out = lines(mermaid_sequence(mutant(Found::Bfs)));
  REQUIRE(out.size() > 6);
  CHECK(out[0] == "sequenceDiagram");
  CHECK(out[1] == "  title two-phase rm=3 bug=commit-early");
  CHECK(out[2] == "  participant L0 as TM");
  CHECK(out[5] == "  participant L3 as rm2");
  std::size_t async = 0, solid = 0;
  for (const auto& l : out) {
    async += l.find("-)") != std::string::npos;
    solid += l.find("->>") != std::string::npos;
  }
  CHECK(async == 1 + 3);  // one Prepared, one Commit to each of three RMs
  CHECK(solid == 2);
  CHECK(out.back().find("violates always property 'consistent'") != std::string::npos);
  CHECK(mermaid_sequence(with_fault_and_client()).find("Note over L0,L1: 2. partition east | west (fault)") !=
        std::string::npos);
}

TEST_CASE("the HTML viewer is one self-contained file carrying the whole trace") {
  Counterexample cx = mutant(Found::Bfs);
  cx.property->meaning = "a meaning with </script> in it";
  std::string html = html_viewer(cx);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("{{") == std::string::npos);  // every placeholder filled
  auto begin = html.find("<script id=\"trace-data\" type=\"application/json\">");
  REQUIRE(begin != std::string::npos);
  begin = html.find('>', begin) + 1;
  auto end = html.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  auto embedded = nlohmann::ordered_json::parse(html.substr(begin, end - begin));
  CHECK(embedded == to_json(cx));
  CHECK(html.find("id=\"step-count\"") != std::string::npos);
}

TEST_CASE("lanes own their fields by name") {
  std::vector<std::string> lanes{"TM", "rm0", "us-east"};
  CHECK(lane_of_field(lanes, "tm") == "TM");
  CHECK(lane_of_field(lanes, "tm.prepared") == "TM");
  CHECK(lane_of_field(lanes, "rm0") == "rm0");
  CHECK(lane_of_field(lanes, "us-east.log") == "us-east");
  CHECK(lane_of_field(lanes, "msgs") == "");
  CHECK(lane_of_field(lanes, "rm01") == "");
}

TEST_CASE("the same seed gives byte-identical traces in every format") {
  Counterexample a = mutant(Found::Simulation, 7), b = mutant(Found::Simulation, 7);
  CHECK(json_text(a) == json_text(b));
  CHECK(text_swimlanes(a) == text_swimlanes(b));
  CHECK(mermaid_sequence(a) == mermaid_sequence(b));
  CHECK(html_viewer(a) == html_viewer(b));
}
