// Transactional histories: Jepsen/Elle EDN and replicheck's JSON form. Both
// syntaxes are reduced to RawMop first, so the rules of what a micro-operation
// may be are written once (build_mop).
#include "properties/txn_io.hpp"

#include <optional>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "properties/edn.hpp"
#include "properties/io_detail.hpp"

namespace replicheck::properties {

namespace {

using nlohmann::json;
constexpr std::string_view kFormatName = "replicheck-txn-history";
constexpr std::int64_t kVersion = 1;

// One micro-operation's parts, whatever the syntax.
struct RawMop {
  enum class Shape : std::uint8_t { kNil, kInt, kList, kOther };
  std::string f;                   // "append", "r", "w" or anything else
  std::optional<std::string> key;  // nullopt: neither an integer nor a string
  Shape shape = Shape::kOther;
  std::int64_t integer = 0;
  std::vector<std::int64_t> list;
  bool list_of_integers = true;
  std::string shown;  // the whole micro-operation, for messages
};

[[noreturn]] void wrong(const std::string& message) { throw std::invalid_argument(message); }

// known: the transaction completed ok, so its reads are results. In an
// invocation or an :info completion a read's value means nothing.
Mop build_mop(const RawMop& raw, Workload workload, bool known) {
  const bool lists = workload == Workload::kListAppend;
  Mop mop;
  if (raw.f == "append" && lists) mop.kind = MopKind::kAppend;
  else if (raw.f == "w" && !lists) mop.kind = MopKind::kWrite;
  else if (raw.f == "r") mop.kind = MopKind::kRead;
  else
    wrong(fmt::format("{}: {} is not a {} micro-operation (expected {} or r)", raw.shown, raw.f, to_string(workload),
                      lists ? "append" : "w"));
  if (!raw.key) wrong(fmt::format("{}: the key must be an integer or a string", raw.shown));
  mop.key = *raw.key;
  if (mop.writes()) {
    if (raw.shape != RawMop::Shape::kInt)
      wrong(fmt::format("{}: the {} must be an integer", raw.shown, lists ? "element" : "value"));
    mop.value = raw.integer;
    return mop;
  }
  mop.known = known;
  if (!known || raw.shape == RawMop::Shape::kNil) return mop;  // nil read: the empty list / initial value
  if (lists && raw.shape == RawMop::Shape::kList && raw.list_of_integers) mop.read = raw.list;
  else if (!lists && raw.shape == RawMop::Shape::kInt) mop.read = {raw.integer};
  else
    wrong(fmt::format("{}: a {} read returns {}", raw.shown, to_string(workload),
                      lists ? "a list of integers or nil" : "an integer or nil"));
  return mop;
}

// A completion must repeat its invocation's micro-operations (reads aside).
void check_same(const std::vector<Mop>& invoked, const std::vector<Mop>& completed, std::size_t invoke_line) {
  bool same = invoked.size() == completed.size();
  for (std::size_t i = 0; same && i < invoked.size(); ++i) {
    const Mop &a = invoked[i], &b = completed[i];
    same = a.kind == b.kind && a.key == b.key && (!a.writes() || a.value == b.value);
  }
  if (!same) wrong(fmt::format("the completion's micro-operations differ from the invocation on line {}", invoke_line));
}

RawMop raw_from_edn(const edn::Node& node) {
  using K = edn::Node::Kind;
  RawMop raw;
  raw.shown = edn::show(node);
  if ((node.kind != K::kVector && node.kind != K::kList) || node.items.size() != 3 ||
      node.items[0].kind != K::kKeyword)
    wrong(fmt::format("{}: a micro-operation is [:f key value]", raw.shown));
  raw.f = node.items[0].text;
  const edn::Node& key = node.items[1];
  if (key.kind == K::kInt) raw.key = std::to_string(key.integer);
  else if (key.kind == K::kString) raw.key = key.text;
  const edn::Node& v = node.items[2];
  if (v.kind == K::kNil) raw.shape = RawMop::Shape::kNil;
  else if (v.kind == K::kInt) raw.shape = RawMop::Shape::kInt, raw.integer = v.integer;
  else if (v.kind == K::kVector || v.kind == K::kList) {
    raw.shape = RawMop::Shape::kList;
    for (const edn::Node& e : v.items) {
      raw.list_of_integers = raw.list_of_integers && e.kind == K::kInt;
      raw.list.push_back(e.integer);
    }
  }
  return raw;
}

RawMop raw_from_json(const json& node) {
  RawMop raw;
  raw.shown = node.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!node.is_array() || node.size() != 3 || !node[0].is_string())
    wrong(fmt::format("{}: a micro-operation is [\"f\", key, value]", raw.shown));
  raw.f = node[0].get<std::string>();
  auto integer = [](const json& v) { return v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX); };
  if (node[1].is_string()) raw.key = node[1].get<std::string>();
  else if (integer(node[1])) raw.key = std::to_string(node[1].get<std::int64_t>());
  const json& v = node[2];
  if (v.is_null()) raw.shape = RawMop::Shape::kNil;
  else if (integer(v)) raw.shape = RawMop::Shape::kInt, raw.integer = v.get<std::int64_t>();
  else if (v.is_array()) {
    raw.shape = RawMop::Shape::kList;
    for (const json& e : v) {
      raw.list_of_integers = raw.list_of_integers && integer(e);
      raw.list.push_back(integer(e) ? e.get<std::int64_t>() : 0);
    }
  }
  return raw;
}

template <class Items, class ToRaw>
std::vector<Mop> build_mops(const Items& items, ToRaw to_raw, Workload workload, bool known) {
  std::vector<Mop> mops;
  for (const auto& item : items) mops.push_back(build_mop(to_raw(item), workload, known));
  return mops;
}

LoadedTxnHistory parse_edn(std::string_view text, Workload workload) {
  LoadedTxnHistory out;
  out.format = Format::kEdn;
  std::unordered_map<std::int64_t, std::size_t> open;  // process -> its open transaction
  std::uint64_t clock = 0;
  detail::for_each_edn_map(text, "{:type :invoke, :f :txn, :process 0, :value [[:append 1 2]]}",
                           [&](std::size_t line, const edn::Node& map) {
    using K = edn::Node::Kind;
    try {
      const edn::Node* process = map.get("process");
      const edn::Node* type = map.get("type");
      const edn::Node* f = map.get("f");
      const edn::Node* value = map.get("value");
      if (process && process->kind == K::kKeyword) return;  // :nemesis and friends are not clients
      if (process && process->kind != K::kInt) wrong("the process must be an integer, not " + edn::show(*process));
      if (f && !f->is_keyword("txn")) wrong("not a transaction: :f is " + edn::show(*f) + ", expected :txn");
      if (!type || type->kind != K::kKeyword) wrong("the map needs a :type keyword (:invoke, :ok, :fail or :info)");
      if (!value || (value->kind != K::kVector && value->kind != K::kList))
        wrong("the map needs a :value, the vector of micro-operations");
      const std::int64_t p = process ? process->integer : kNoProcess;
      const bool ok = type->text == "ok";
      if (type->text == "invoke") {
        if (auto it = open.find(p); it != open.end())
          wrong(fmt::format("process {} invokes again, but its transaction invoked on line {} has not completed",
                            process ? std::to_string(p) : "(none)", out.lines[it->second].invoke));
        Txn txn;
        txn.process = p;
        txn.mops = build_mops(value->items, raw_from_edn, workload, false);
        txn.invoke = ++clock;
        txn.complete = kNever;
        open.emplace(p, out.history.txns.size());
        out.history.txns.push_back(std::move(txn));
        out.lines.push_back({line, 0});
        return;
      }
      Status status;
      if (ok) status = Status::kOk;
      else if (type->text == "fail") status = Status::kFail;
      else if (type->text == "info") status = Status::kInfo;
      else wrong("unknown type :" + type->text + " (expected :invoke, :ok, :fail or :info)");
      const auto it = open.find(p);
      if (it == open.end()) wrong("a completion of a transaction its process never invoked");
      Txn& txn = out.history.txns[it->second];
      std::vector<Mop> mops = build_mops(value->items, raw_from_edn, workload, ok);
      check_same(txn.mops, mops, out.lines[it->second].invoke);
      txn.mops = std::move(mops);
      txn.status = status;
      ++clock;
      txn.complete = status == Status::kInfo ? kNever : clock;
      out.lines[it->second].response = line;
      open.erase(it);
    } catch (const std::invalid_argument& e) {
      throw ParseError(line, e.what());
    }
  });
  for (auto& [process, index] : open) {  // never completed: outcome unknown
    out.history.txns[index].status = Status::kInfo;
  }
  return out;
}

Txn txn_from_json(const json& op, Workload workload) {
  if (!op.is_object()) wrong("a transaction must be an object");
  for (const char* field : {"process", "status", "invoke", "value"}) {
    if (!op.contains(field)) wrong(fmt::format("missing field \"{}\"", field));
  }
  Txn txn;
  if (!op["process"].is_number_integer()) wrong("\"process\" must be an integer");
  txn.process = op["process"].get<std::int64_t>();
  txn.status = detail::json_status(op["status"]);
  txn.invoke = detail::json_clock(op["invoke"], "invoke");
  if (op.contains("complete") && !op["complete"].is_null()) txn.complete = detail::json_clock(op["complete"], "complete");
  if (txn.status == Status::kInfo) txn.complete = kNever;
  else if (txn.complete == kNever) wrong("an ok or failed transaction needs a \"complete\"");
  if (txn.complete != kNever && txn.complete < txn.invoke) wrong("\"complete\" comes before \"invoke\"");
  if (!op["value"].is_array()) wrong("\"value\" must be the array of micro-operations");
  txn.mops = build_mops(op["value"], raw_from_json, workload, txn.status == Status::kOk);
  return txn;
}

LoadedTxnHistory parse_json(std::string_view text, Workload workload) {
  std::vector<std::size_t> lines;
  const json doc = detail::parse_json_document(text, kFormatName, kVersion, lines);
  LoadedTxnHistory out;
  out.format = Format::kJson;
  const json& ops = doc["operations"];
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const std::size_t line = i < lines.size() ? lines[i] : 0;
    try {
      out.history.txns.push_back(txn_from_json(ops[i], workload));
    } catch (const std::exception& e) {
      throw ParseError(line, fmt::format("operations[{}]: {}", i, e.what()));
    }
    out.lines.push_back({line, 0});
  }
  return out;
}

}  // namespace

LoadedTxnHistory parse_txn_history(std::string_view text, Format format, Workload workload,
                                   std::string_view file_name) {
  if (format == Format::kAuto) format = detect_format(text, file_name);
  if (format == Format::kJson) return parse_json(text, workload);
  if (format == Format::kEdn || format == Format::kKvLog) return parse_edn(text, workload);
  throw ParseError(0, fmt::format("a transactional history is edn or json, not {}", to_string(format)));
}

std::string to_json(const TxnHistory& history, Workload workload) {
  std::string out = fmt::format("{{\"format\": \"{}\", \"version\": {}, \"operations\": [", kFormatName, kVersion);
  for (std::size_t i = 0; i < history.txns.size(); ++i) {
    const Txn& txn = history.txns[i];
    json mops = json::array();
    for (const Mop& mop : txn.mops) {
      const char* f = mop.kind == MopKind::kAppend ? "append" : mop.kind == MopKind::kWrite ? "w" : "r";
      json value = nullptr;
      if (mop.writes()) value = mop.value;
      else if (mop.known && workload == Workload::kListAppend) value = mop.read;
      else if (mop.known && !mop.read.empty()) value = mop.read[0];
      mops.push_back(json::array({f, mop.key, value}));
    }
    nlohmann::ordered_json j = {{"process", txn.process}, {"status", std::string(to_string(txn.status))},
                                {"invoke", txn.invoke}};
    j["complete"] = txn.complete == kNever ? json(nullptr) : json(txn.complete);
    j["value"] = mops;
    out += i == 0 ? "\n  " : ",\n  ";
    out += j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  out += history.txns.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace replicheck::properties
