// Parsers: the four formats, format detection, precise errors, and the fuzz
// corpus as regression inputs (each must parse or throw ParseError).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"
#include "properties/txn_check.hpp"
#include "properties/txn_io.hpp"
#include "tests/history/ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

TEST_CASE("jepsen-log: tab- and space-separated lines", "[io]") {
  const std::string text =
      "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]\n"
      "INFO  jepsen.util - 1   :invoke :write  3\n"
      "\n"
      "INFO  jepsen.util - 2\t:fail\t:cas\t[3 0]\n"
      "INFO  jepsen.util - 4\t:invoke\t:read\tnil\r\n"
      "INFO  jepsen.util - 1   :info   :write  :timed-out\n"
      "INFO  jepsen.util - 4\t:ok\t:read\t3\n"
      "INFO  jepsen.util - 5\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 5   :fail   :read   :timed-out\n"
      "INFO  jepsen.util - :nemesis\t:info\t:start\tnil\n"
      "INFO  jepsen.util - 6\t:invoke\t:write\t4\n";  // never completes
  const LoadedHistory h = parse_history(text, Format::kAuto, "x.log");
  CHECK(h.format == Format::kJepsenLog);
  REQUIRE(h.history.ops.size() == 5);
  const auto& ops = h.history.ops;
  CHECK(ops[0] == cas_op(2, num(3), num(0), 1, 3, Status::kFail));
  CHECK(ops[1] == write_op(1, num(3), 2, kNever, Status::kInfo));
  CHECK(ops[2] == read_op(4, num(3), 4, 6));
  CHECK(ops[3] == read_op(5, {}, 7, 8, Status::kFail));
  CHECK(ops[4] == write_op(6, num(4), 9, kNever, Status::kInfo));  // open at the end: unknown
  CHECK(h.lines[0].invoke == 1);
  CHECK(h.lines[0].response == 4);
  CHECK(h.lines[1].response == 6);
  CHECK(h.lines[4].response == 0);
}

TEST_CASE("kv-log and edn: EDN maps", "[io]") {
  const std::string kv =
      "{:process 9, :type :invoke, :f :put, :key \"6\", :value \"x 9 3 y\"}\n"
      "{:process 1, :type :invoke, :f :get, :key \"9\", :value nil}\n"
      "{:process 9, :type :ok, :f :put, :key \"6\", :value \"x 9 3 y\"}\n"
      "{:process 1, :type :ok, :f :get, :key \"9\", :value \"\"}\n";
  const LoadedHistory h = parse_history(kv, Format::kAuto, "c01-ok.txt");
  CHECK(h.format == Format::kKvLog);
  REQUIRE(h.history.ops.size() == 2);
  CHECK(h.history.ops[0] == write_op(9, text("x 9 3 y"), 1, 3, Status::kOk, "6"));
  CHECK(h.history.ops[1] == read_op(1, text(""), 2, 4, Status::kOk, "9"));

  // A Jepsen history.edn: wrapped in a vector, extra keys, a nemesis, a
  // comment and two maps on one line.
  const std::string edn =
      "[{:type :invoke, :f :add, :value 2, :process 0, :time 10, :index 0}\n"
      " {:type :info, :f :kill, :process :nemesis} ; ignored\n"
      " {:type :ok, :f :add, :value 2, :process 0} {:process 1, :type :invoke, :f :read, :value nil}\n"
      " {:process 1, :type :ok, :f :read, :value 2}]\n";
  const LoadedHistory e = parse_history(edn, Format::kAuto, "history.edn");
  CHECK(e.format == Format::kEdn);
  REQUIRE(e.history.ops.size() == 2);
  CHECK(e.history.ops[0] == increment_op(0, 2, 1, 2));
  CHECK(e.history.ops[1] == read_op(1, num(2), 3, 4));
  CHECK(e.lines[1].invoke == 3);
  CHECK(check_linearizability(e.history, Model::kCounter).verdict == Verdict::kLinearizable);
}

TEST_CASE("json: what to_json writes parses back to the same history", "[io]") {
  const History h{{write_op(1, text("quote \" back\\slash \xc3\xa9"), 0, 1, Status::kOk, "k\n1"),
                   read_op(-2, nil, 2, 3), read_op(2, {}, 4, 5, Status::kFail),
                   cas_op(3, num(-9'000'000'000'000), text("x"), 6, kNever, Status::kInfo),
                   increment_op(4, 7, 8, 8)}};
  const std::string json = to_json(h);
  const LoadedHistory back = parse_history(json, Format::kAuto, "out.json");
  CHECK(back.format == Format::kJson);
  CHECK(back.history == h);
  CHECK(back.lines[0].invoke == 2);  // one operation per line after the header
  CHECK(to_json(History{}) == "{\"format\": \"replicheck-history\", \"version\": 1, \"operations\": []}\n");
  CHECK(parse_history(to_json(History{}), Format::kJson).history.ops.empty());
}

TEST_CASE("format detection", "[io]") {
  CHECK(detect_format("INFO  jepsen.util - 1\t:invoke\t:read\tnil\n", "a.txt") == Format::kJepsenLog);
  CHECK(detect_format("{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}", "a") == Format::kKvLog);
  CHECK(detect_format("\n  {:process 0, :type :invoke, :f :read}", "a") == Format::kEdn);
  CHECK(detect_format("{\"format\": \"replicheck-history\"}", "a.log") == Format::kJson);
  CHECK(detect_format("", "etcd_095.log") == Format::kJepsenLog);  // empty: by extension
  CHECK(detect_format("", "h.json") == Format::kJson);
  CHECK_THROWS_AS(detect_format("", "h.txt"), ParseError);
  CHECK_THROWS_AS(detect_format("hello\n", "h.txt"), ParseError);
  CHECK(parse_history("", Format::kAuto, "etcd_095.log").history.ops.empty());
}

namespace {
struct BadInput {
  Format format;
  std::string text;
  std::size_t line;
  std::string message_part;
};
}  // namespace

TEST_CASE("malformed input: one ParseError naming the line and the problem", "[io]") {
  const std::string ok_invoke = "INFO  jepsen.util - 1\t:invoke\t:write\t1\n";
  const BadInput cases[] = {
      {Format::kJepsenLog, ok_invoke + "garbage\n", 2, "not a Jepsen history line"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:ok\t:write\t1\n", 1, "never invoked"},
      {Format::kJepsenLog, ok_invoke + ok_invoke, 2, "invokes again, but its operation invoked on line 1"},
      {Format::kJepsenLog, ok_invoke + "INFO  jepsen.util - 1\t:ok\t:read\t1\n", 2, "the completion is a read"},
      {Format::kJepsenLog, ok_invoke + "INFO  jepsen.util - 1\t:ok\t:write\t2\n", 2, "differs from the invocation"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:invoke\t:cas\t[1]\n", 1, "pair [from to]"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:invoke\t:write\n", 1, "missing the value field"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:invoke\t:write\t1 2\n", 1, "unexpected text after the value"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:invoke\t:write\t\"abc\n", 1, "unterminated string"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:invoke\t:frob\t1\n", 1, "unknown operation :frob"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:done\t:read\t1\n", 1, "unknown type :done"},
      {Format::kJepsenLog, "INFO  jepsen.util - x\t:invoke\t:read\tnil\n", 1, "process must be an integer"},
      {Format::kJepsenLog, "INFO  jepsen.util - 1\t:invoke\t:write\t99999999999999999999\n", 1, "does not fit"},
      {Format::kKvLog, "{:process 1, :type :invoke, :f :get, :value nil}\n", 1, "needs a :key"},
      {Format::kEdn, "{:process 1 :type :invoke :f :read :value nil}\n[1 2]\n", 2, "expected a map"},
      {Format::kEdn, "{:process 1, :type :invoke}\n", 1, "needs :process, :type and :f"},
      {Format::kEdn, "\n\n{:process 1, :type :invoke, :f :read, :value nil\n", 3, "expected '}'"},
      {Format::kEdn, std::string(200, '[') + "\n", 1, "nested too deeply"},
      {Format::kEdn, "{:process 1, :type}\n", 1, "even number"},
      {Format::kJson, "", 0, "the file is empty"},
      {Format::kJson, "{\"format\": \"replicheck-history\",\n\"version\": 1,\n\"operations\": [}\n", 3, "invalid JSON"},
      {Format::kJson, "{\"format\": \"replicheck-history\", \"version\": 2, \"operations\": []}", 1, "version"},
      {Format::kJson, "{\"format\": \"other\", \"version\": 1, \"operations\": []}", 1, "\"format\""},
      {Format::kJson,
       "{\"format\": \"replicheck-history\", \"version\": 1, \"operations\": [\n"
       "  {\"session\": 1, \"f\": \"read\", \"status\": \"ok\", \"invoke\": 1, \"response\": 2, \"output\": [1]},\n"
       "  {\"session\": 1, \"f\": \"read\", \"status\": \"ok\", \"invoke\": 3}\n]}",
       3, "operations[1]: an ok or failed operation needs a \"response\""},
      {Format::kJson,
       "{\"format\": \"replicheck-history\", \"version\": 1, \"operations\": [\n"
       "  {\"session\": 1, \"f\": \"write\", \"status\": \"ok\", \"invoke\": 1, \"response\": 2, \"input\": [1.5]}]}",
       2, "input[0] must be null, a 64-bit integer or a string"},
      {Format::kJson,  // a session has at most one operation in flight; an info without response ends nothing
       "{\"format\": \"replicheck-history\", \"version\": 1, \"operations\": [\n"
       "  {\"session\": 1, \"f\": \"cas\", \"status\": \"info\", \"invoke\": 0, \"input\": [1, 2]},\n"
       "  {\"session\": 1, \"f\": \"read\", \"status\": \"ok\", \"invoke\": 3, \"response\": 6, \"output\": [1]},\n"
       "  {\"session\": 1, \"f\": \"write\", \"status\": \"ok\", \"invoke\": 6, \"response\": 7, \"input\": [1]}\n]}",
       4, "operations[1] and operations[2] of session 1 overlap"},
      {Format::kJson, std::string(100, '[') + std::string(100, ']'), 1, "nested too deeply"},
      {Format::kJson, "{\"format\": \"replicheck-history\", \"version\": 1e999}", 0, "invalid JSON"},
  };
  for (const BadInput& c : cases) {
    INFO(c.text);
    try {
      parse_history(c.text, c.format, "f");
      FAIL("parsed without error");
    } catch (const ParseError& e) {
      CHECK(e.line == c.line);
      CHECK_THAT(e.what(), Catch::Contains(c.message_part));
    }
  }
}

TEST_CASE("fuzz corpus: every input parses or throws ParseError", "[io][corpus]") {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(REPLICHECK_HISTORY_CORPUS))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);
  int parsed = 0, rejected = 0;
  for (const auto& path : files) {
    INFO(path.string());
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    for (Format f : {Format::kAuto, Format::kJepsenLog, Format::kKvLog, Format::kEdn, Format::kJson}) {
      try {
        const LoadedHistory h = parse_history(text.str(), f, path.filename().string());
        ++parsed;
        (void)to_json(h.history);
        for (Model m : {Model::kRegister, Model::kKv, Model::kCounter}) {
          LinearizabilityOptions small;
          small.max_steps = 100000;
          try {
            (void)check_linearizability(h.history, m, small);
          } catch (const std::invalid_argument&) {  // ops that do not fit the model
          }
        }
      } catch (const ParseError&) {
        ++rejected;
      }
      for (Workload w : {Workload::kListAppend, Workload::kRwRegister}) {  // the transactional parsers too
        try {
          const LoadedTxnHistory h = parse_txn_history(text.str(), f, w, path.filename().string());
          ++parsed;
          CHECK(parse_txn_history(to_json(h.history, w), Format::kJson, w).history == h.history);
          (void)check_transactions(h.history, w);
        } catch (const ParseError&) {
          ++rejected;
        }
      }
    }
  }
  CHECK(parsed > 0);
  CHECK(rejected > 0);
}
