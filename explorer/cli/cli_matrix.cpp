// `replicheck matrix`: the seeds' comparison tables (models/matrix.hpp),
// each cell a verdict of the same search as `check` (exhaustive BFS of a
// small configuration), each violation with its shortest trace, each
// verdict a seed contradicts marked.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "explorer/cli/cli.hpp"
#include "explorer/cli/matrix_report.hpp"
#include "explorer/cli/report.hpp"
#include "explorer/cli/validators.hpp"
#include "explorer/search/bfs.hpp"
#include "models/catalog.hpp"

namespace replicheck::cli {
namespace {

struct MatrixArgs {
  std::string format = "text";
  std::vector<std::string> only;  // table=..., protocol=..., property=...
  std::string traces;             // folder for trace files
  double max_seconds = 120;
  unsigned workers = std::max(1u, std::thread::hardware_concurrency());
};

// One configuration's run: every property's outcome, by name.
struct Run {
  RunInfo info;
  Result result;
};

std::string run_key(const models::MatrixCell& c) {
  std::string key = c.model;
  for (const auto& p : c.params) key += " " + p;
  return key;
}

// "DynamoDB global tables, async (lww)" -> "dynamodb-global-tables-async-lww": trace file names
// that stay the same whatever --only keeps.
std::string slug(const std::string& label) {
  std::string out;
  for (char ch : label) {
    if (std::isalnum(static_cast<unsigned char>(ch))) out += char(std::tolower(static_cast<unsigned char>(ch)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string command_of(const models::MatrixCell& c) {
  std::string cmd = "replicheck check " + c.model;
  for (const auto& p : c.params) cmd += " --param " + p;
  return cmd + " --trace-property " + c.property + " --trace-out t.html";
}

// --only "table=partition,consistency,protocol=mrsc": a word with '=' names a
// key and its first value, a word without adds a value to the key before.
using Filter = std::map<std::string, std::vector<std::string>>;
std::string parse_only(const std::vector<std::string>& only, Filter& out) {
  for (const auto& arg : only) {
    std::string key;
    std::size_t start = 0;
    for (std::size_t end; start <= arg.size(); start = end + 1) {
      end = std::min(arg.find(',', start), arg.size());
      std::string word = arg.substr(start, end - start);
      if (const auto eq = word.find('='); eq != std::string::npos) key = word.substr(0, eq), word = word.substr(eq + 1);
      if (key != "table" && key != "protocol" && key != "property")
        return fmt::format("--only {}: expected table=..., protocol=... or property=... (comma-separated)", arg);
      if (word.empty()) return fmt::format("--only {}: '{}' has an empty value", arg, key);
      out[key].push_back(word);
    }
  }
  return "";
}

bool selected(const Filter& only, const models::MatrixTable& t, const models::MatrixCell& c) {
  for (const auto& [key, values] : only) {
    const std::string& value = key == "table" ? t.id : key == "protocol" ? c.model : c.property;
    if (std::find(values.begin(), values.end(), value) == values.end()) return false;
  }
  return true;
}

Run check_configuration(const models::MatrixCell& c, const MatrixArgs& a) {
  Run run;
  const bool known = models::with_model(c.model, [&](auto tag) {
    using M = typename decltype(tag)::type;
    Params params(M::param_specs(), c.params);
    M model(params);
    SearchOptions opt;
    opt.workers = a.workers;
    opt.max_seconds = a.max_seconds;
    run.result = Bfs<M>(model, opt).run();
    run.info = {std::string(M::kName), params.effective(), "bfs", a.workers};
  });
  if (!known) throw BadParam(fmt::format("matrix: unknown model '{}'", c.model));
  return run;
}

CellOutcome outcome(const models::MatrixTable& t, std::size_t ri, std::size_t ci, const Run& run,
                    const MatrixArgs& a) {
  const models::MatrixCell& spec = t.rows[ri].cells[ci];
  CellOutcome out;
  const auto& props = run.result.properties;
  auto p = std::find_if(props.begin(), props.end(), [&](const auto& x) { return x.name == spec.property; });
  if (p == props.end())  // a table that names a property its configuration lacks is a bug in the table
    throw BadParam(fmt::format("matrix: {} has no property '{}' ({}: {})", run_key(spec), spec.property, t.id,
                               t.rows[ri].label));
  out.status = p->status;
  out.states = run.result.stats.distinct_states;
  out.command = command_of(spec);
  for (const auto& claim : spec.claims)
    if (claim.status != out.status && out.status != "unknown") out.contradicted.push_back(claim);
  if (p->trace) out.trace_steps = p->trace->length();
  const bool worth_a_file = p->trace && (out.status == "violated" || !out.contradicted.empty());
  if (!a.traces.empty() && worth_a_file) {
    out.trace_file = fmt::format("{}/{}-{}-{}.html", a.traces, t.id, slug(t.rows[ri].label), ci + 1);
    write_counterexample(out.trace_file, counterexample(run.info, *p));
  }
  return out;
}

int matrix(const MatrixArgs& a) {
  Filter only;
  if (auto wrong = parse_only(a.only, only); !wrong.empty()) {
    fmt::print(stderr, "replicheck: error: {}\n", wrong);
    return kBadInput;
  }
  MatrixResult r;
  std::map<std::string, Run> runs;
  for (const auto& t : models::matrix_tables()) {
    models::MatrixTable kept = t;
    kept.rows.clear();
    for (const auto& row : t.rows)
      if (std::any_of(row.cells.begin(), row.cells.end(),
                      [&](const auto& c) { return !c.model.empty() && selected(only, t, c); }))
        kept.rows.push_back(row);
    if (!kept.rows.empty()) r.tables.push_back(std::move(kept));
  }
  if (r.tables.empty()) {
    fmt::print(stderr, "replicheck: error: --only selects no cell of any table\n");
    return kBadInput;
  }
  if (!a.traces.empty()) std::filesystem::create_directories(a.traces);
  for (const auto& t : r.tables) {
    auto& table_cells = r.cells.emplace_back();
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
      auto& row_cells = table_cells.emplace_back();
      for (std::size_t ci = 0; ci < t.rows[ri].cells.size(); ++ci) {
        const auto& spec = t.rows[ri].cells[ci];
        if (spec.model.empty() || !selected(only, t, spec)) {
          row_cells.push_back({spec.model.empty() ? "n/a" : "not selected", 0, 0, "", "", {}});
          continue;
        }
        const std::string key = run_key(spec);
        if (!runs.count(key)) {
          if (a.format == "text") fmt::print(stderr, "matrix: checking {}\n", key);
          runs.emplace(key, check_configuration(spec, a));
        }
        const Run& run = runs.at(key);
        r.complete &= run.result.complete();
        row_cells.push_back(outcome(t, ri, ci, run, a));
      }
    }
  }
  r.runs = runs.size();
  if (a.format == "json") fmt::print("{}\n", matrix_json(r).dump(2));
  else if (a.format == "html") fmt::print("{}", matrix_html(r));
  else fmt::print("{}", matrix_markdown(r));
  return r.complete ? kPass : kIncomplete;
}

}  // namespace

void add_matrix(CLI::App& app, Runner& run) {
  auto args = std::make_shared<MatrixArgs>();
  auto* cmd = app.add_subcommand(
      "matrix",
      "The seeds' comparison tables, regenerated: every protocol x client pattern x fault x property\n"
      "cell is an exhaustive check of a small configuration (the same search as `check`): holds,\n"
      "violated (with its shortest trace) or n/a with the reason; a verdict a seed contradicts is\n"
      "marked, with the command that shows its trace. Exit 0 every cell decided, 2 bad input,\n"
      "3 a configuration's search hit --max-seconds (its cells read unknown).");
  cmd->add_option("--format", args->format, "text (Markdown tables, the README's form), markdown, json or html")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  cmd->add_option("--only", args->only,
                  "KEY=V,... (repeatable): keep the cells whose table (partition, consistency, read-after-write,\n"
                  "failure-modes, aurora-vs-dynamodb), protocol (model) and property are among the values,\n"
                  "e.g. --only protocol=lww,mrsc,property=linearizable");
  cmd->add_option("--traces", args->traces,
                  "folder to write each violation's (and each contradicted verdict's) trace to, as an HTML\n"
                  "viewer, linked from the cells");
  cmd->add_option("--max-seconds", args->max_seconds, "bound on each configuration's search (default 120)")
      ->check(seconds(true));
  add_workers_option(cmd, args->workers);
  cmd->callback([args, &run] { run = [args] { return matrix(*args); }; });
}

}  // namespace replicheck::cli
