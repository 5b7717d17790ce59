// All 109 Jepsen histories from porcupine's test data must get the verdict in
// EXPECTED.tsv; each violation's explanation must replay correctly.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"
#include "tests/history/brute_force.hpp"

using namespace replicheck::properties;

namespace {

const std::string kDir = REPLICHECK_PORCUPINE_DIR;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Expected {
  std::string file, model, verdict;
};

std::vector<Expected> expected_verdicts() {
  std::istringstream tsv(slurp(kDir + "/EXPECTED.tsv"));
  std::vector<Expected> rows;
  std::string line;
  std::getline(tsv, line);  // header
  while (std::getline(tsv, line)) {
    std::istringstream fields(line);
    Expected row;
    std::getline(fields, row.file, '\t');
    std::getline(fields, row.model, '\t');
    std::getline(fields, row.verdict, '\t');
    if (!row.file.empty()) rows.push_back(row);
  }
  return rows;
}

// The prefix replays legally and the blocked operation is illegal after it.
void check_explanation(const History& h, Model model, const Violation& v) {
  using replicheck::testing::reference_step;
  Value state = replicheck::testing::initial_value(model);
  for (const PlacedOp& p : v.prefix) {
    REQUIRE(reference_step(h.ops[p.op], model, state));
    CHECK(state == p.state_after);
  }
  CHECK(state == v.state);
  Value after = state;
  CHECK_FALSE(reference_step(h.ops[v.blocked_op], model, after));
  CHECK_FALSE(v.reason.empty());
}

}  // namespace

TEST_CASE("porcupine's Jepsen histories get the expected verdicts", "[porcupine]") {
  const auto rows = expected_verdicts();
  REQUIRE(rows.size() == 109);
  int matches = 0;
  for (const Expected& row : rows) {
    INFO(row.file);
    const LoadedHistory loaded = parse_history(slurp(kDir + "/" + row.file), Format::kAuto, row.file);
    CHECK(loaded.format == (row.model == "kv" ? Format::kKvLog : Format::kJepsenLog));
    const Model model = row.model == "kv" ? Model::kKv : Model::kRegister;
    LinearizabilityOptions options;
    options.budget_seconds = 120;  // a hang would be a bug; fail rather than wait
    const auto result = check_linearizability(loaded.history, model, options);
    const std::string got = result.verdict == Verdict::kLinearizable      ? "linearizable"
                            : result.verdict == Verdict::kNotLinearizable ? "not"
                                                                          : "unknown";
    CHECK(got == row.verdict);
    matches += got == row.verdict;
    if (result.violation) check_explanation(loaded.history, model, *result.violation);
  }
  CHECK(matches == 109);
}

TEST_CASE("porcupine histories: operation counts match the reference", "[porcupine]") {
  // From porcupine_timing_detail.tsv: operations (as porcupine counts them).
  const std::pair<const char*, std::size_t> sizes[] = {
      {"etcd_000.log", 85}, {"c01-ok.txt", 58}, {"c10-bad.txt", 405}, {"c50-ok.txt", 1712}, {"etcd_095.log", 0}};
  for (const auto& [file, count] : sizes) {
    INFO(file);
    CHECK(parse_history(slurp(kDir + "/" + file), Format::kAuto, file).history.ops.size() == count);
  }
}
