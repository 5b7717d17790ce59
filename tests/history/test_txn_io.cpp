// Transactional histories: the EDN and JSON parsers, their errors (one
// ParseError naming the line), and Elle's own example histories
// (data/elle/, see its README) with the verdicts expected of them.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "properties/txn_check.hpp"
#include "properties/txn_io.hpp"
#include "tests/history/txn_ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

}  // namespace

TEST_CASE("edn: invocations paired with completions by process", "[txn][io]") {
  const std::string text =
      "{:type :invoke, :f :txn, :value [[:append 1 2] [:r 1 nil]], :process 0, :time 5, :index 0}\n"
      "{:type :invoke, :f :txn, :value [[:append \"k\" 3]], :process 1}\n"
      "{:type :info, :f :start, :process :nemesis}\n"
      "{:type :ok, :f :txn, :value [[:append 1 2] [:r 1 [1 2]]], :process 0}\n"
      "{:type :info, :f :txn, :value [[:append \"k\" 3]], :process 1}\n"
      "{:type :invoke, :f :txn, :value [[:r 1 nil]], :process 2}\n"
      "{:type :fail, :f :txn, :value [[:r 1 nil]], :process 2}\n";
  const LoadedTxnHistory h = parse_txn_history(text, Format::kAuto, Workload::kListAppend, "h.edn");
  REQUIRE(h.history.txns.size() == 3);
  const Txn& t = h.history.txns[0];
  CHECK(t.process == 0);
  CHECK(t.status == Status::kOk);
  CHECK(t.mops == std::vector<Mop>{append("1", 2), read("1", {1, 2})});
  CHECK(t.invoke == 1);
  CHECK(t.complete == 3);
  CHECK(h.lines[0].invoke == 1);
  CHECK(h.lines[0].response == 4);
  CHECK(h.history.txns[1].status == Status::kInfo);
  CHECK(h.history.txns[1].complete == kNever);
  CHECK(h.history.txns[1].mops[0].key == "k");
  CHECK(h.history.txns[2].status == Status::kFail);
  CHECK_FALSE(h.history.txns[2].mops[0].known);
  // rw-register reads, and an invocation never completed (treated as :info)
  const LoadedTxnHistory r = parse_txn_history(
      "[{:type :invoke, :f :txn, :value [[:w 1 2] [:r 2 nil]], :process 0}\n"
      " {:type :ok, :f :txn, :value [[:w 1 2] [:r 2 nil]], :process 0}\n"
      " {:type :invoke, :f :txn, :value [[:r 1 nil]], :process 1}]\n",
      Format::kEdn, Workload::kRwRegister);
  REQUIRE(r.history.txns.size() == 2);
  CHECK(r.history.txns[0].mops[1] == read_reg("2", std::nullopt));
  CHECK(r.history.txns[1].status == Status::kInfo);
}

TEST_CASE("txn json: what to_json writes parses back to the same history", "[txn][io]") {
  TxnHistory h;
  h.txns = {txn(0, 1, 2, {write("x", 1), read_reg("y", std::nullopt)}), txn(1, 3, 4, {read_reg("x", 1)}),
            txn(2, 5, 0, {write("x", 3)}, Status::kInfo), txn(3, 6, 7, {write("y", 4)}, Status::kFail)};
  const std::string text = to_json(h, Workload::kRwRegister);
  const LoadedTxnHistory back = parse_txn_history(text, Format::kAuto, Workload::kRwRegister, "h");
  CHECK(back.format == Format::kJson);
  CHECK(back.history == h);
  CHECK(back.lines[1].invoke == 3);
}

TEST_CASE("transactional bad input: one ParseError naming the line", "[txn][io]") {
  struct Bad {
    Format format;
    Workload workload;
    std::string text;
    std::size_t line;
    std::string message_part;
  };
  const std::string inv = "{:type :invoke, :f :txn, :process 0, :value [[:append 1 2]]}\n";
  const std::string json_head = "{\"format\": \"replicheck-txn-history\", \"version\": 1, \"operations\": [\n";
  const auto L = Workload::kListAppend, R = Workload::kRwRegister;
  const Bad cases[] = {
      {Format::kEdn, L, inv + "{:type :ok, :f :txn, :process 0, :value [[:append 1 2] [:r 1 [1 x]]]}\n", 2, "a list of integers or nil"},
      {Format::kEdn, L, "{:type :invoke, :f :txn, :process 0, :value [[:cas 1 2]]}\n", 1, "cas is not a list-append micro-operation"},
      {Format::kEdn, R, inv, 1, "append is not a rw-register micro-operation (expected w or r)"},
      {Format::kEdn, L, "{:type :invoke, :f :txn, :process 0, :value [[:append [1] 2]]}\n", 1, "the key must be an integer or a string"},
      {Format::kEdn, L, "{:type :invoke, :f :txn, :process 0, :value [[:append 1 \"a\"]]}\n", 1, "the element must be an integer"},
      {Format::kEdn, R, "{:type :invoke, :f :txn, :process 0, :value [[:w 1 2]]}\n{:type :ok, :f :txn, :process 0, :value [[:w 1 2] [:r 1 2]]}\n", 2, "differ from the invocation on line 1"},
      {Format::kEdn, L, "\n" + inv + inv, 3, "invokes again"},
      {Format::kEdn, L, "{:type :ok, :f :txn, :process 3, :value []}\n", 1, "never invoked"},
      {Format::kEdn, L, "{:type :invoke, :f :read, :process 0, :value nil}\n", 1, "not a transaction"},
      {Format::kEdn, L, "{:type :invoke, :f :txn, :process 0, :value [[:append 1]]}\n", 1, "[:f key value]"},
      {Format::kEdn, L, inv + "{:type :ok, :f :txn, :process 0, :value [[:append 1 2]]\n", 2, "expected '}'"},
      {Format::kJson, L, json_head + "{\"process\": 0, \"status\": \"ok\", \"invoke\": 1, \"complete\": 2, \"value\": [[\"append\", 1, 2]]},\n"
                                     "{\"process\": 0, \"status\": \"ok\", \"invoke\": 3, \"complete\": 4, \"value\": [[\"r\", 1, [true]]]}\n]}",
       3, "operations[1]: [\"r\",1,[true]]: a list-append read returns a list of integers or nil"},
      {Format::kJson, R, json_head + "{\"process\": 0, \"status\": \"ok\", \"invoke\": 1, \"value\": [[\"w\", 1, 2]]}]}", 2, "needs a \"complete\""},
      {Format::kJson, R, json_head + "{\"process\": 0, \"status\": \"ok\", \"invoke\": 1, \"complete\": 2, \"value\": [[\"w\", 1.5, 2]]}]}", 2, "the key must be"},
      {Format::kJson, R, json_head + "{\"process\": 0, \"status\": \"ok\",\n \"invoke\": 1, \"complete\": 2, \"value\": [}", 3, "invalid JSON"},
      {Format::kJson, R, "{\"format\": \"replicheck-history\", \"version\": 1, \"operations\": []}", 1, "replicheck-txn-history"},
  };
  for (const Bad& c : cases) {
    INFO(c.text);
    try {
      parse_txn_history(c.text, c.format, c.workload, "f");
      FAIL("parsed without error");
    } catch (const ParseError& e) {
      CHECK(e.line == c.line);
      CHECK_THAT(e.what(), Catch::Contains(c.message_part));
    }
  }
  CHECK_THROWS_AS(parse_txn_history("INFO  jepsen.util - 1\t:invoke\t:read\tnil\n", Format::kAuto, L, "f"), ParseError);
}

TEST_CASE("Elle's histories: the verdicts expected of them", "[txn][elle]") {
  const std::string dir = REPLICHECK_ELLE_DIR;
  auto check = [&](const std::string& name) {
    const LoadedTxnHistory h = parse_txn_history(slurp(dir + "/" + name), Format::kAuto, Workload::kListAppend, name);
    return check_transactions(h.history, Workload::kListAppend);
  };
  auto names = [](const TxnCheckResult& r, Consistency c) {
    std::vector<std::string> out;
    for (std::size_t i : r.ruled_out_by[static_cast<std::size_t>(c)]) out.push_back(r.anomalies[i].name);
    return out;
  };
  // Elle's intermediate-sequential-extension-test: anomaly types [:G2-item],
  // and of snapshot-isolation and repeatable-read only the latter ruled out.
  const TxnCheckResult si = check("si-without-g-single.edn");
  CHECK(names(si, Consistency::kSerializable) == std::vector<std::string>{"G2-item"});
  CHECK(si.strongest() == Consistency::kSnapshotIsolation);
  // The paper's example (no :process, no :f): T3 -rw-> T4 -rw-> T2 -wr-> T3.
  const TxnCheckResult paper = check("paper-example.edn");
  CHECK(names(paper, Consistency::kSerializable) == std::vector<std::string>{"G2-item"});
  CHECK(paper.strongest() == Consistency::kSnapshotIsolation);
}
