// `replicheck minimize FILE.json`: drops steps of a trace (faults, then
// messages, then client operations, then any) while its property stays
// violated; prints the shorter trace and writes it with --out.
#include <fmt/format.h>

#include "explorer/cli/cli.hpp"
#include "explorer/cli/trace_model.hpp"
#include "explorer/trace/replay.hpp"

namespace replicheck::cli {

void add_minimize(CLI::App& app, Runner& run) {
  struct Args {
    std::string file, out;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "minimize",
      "Shorten a JSON trace while its property stays violated (traces from DFS or random\n"
      "simulation are not shortest). Exit 1 with the shorter trace, 2 if it cannot be replayed.");
  cmd->add_option("file", args->file, "trace file (.json)")->required();
  cmd->add_option("--out,-o", args->out, "write the minimised trace (.txt .json .mmd .html)")
      ->check(trace_extension_error);
  cmd->callback([args, &run] {
    run = [args]() -> int {
      auto cx = load_or_complain(args->file);
      if (!cx) return kBadInput;
      return with_trace_model(args->file, *cx, [&](const auto& model) {
        ReplayOutcome r = replay(model, *cx);
        if (!r.replayed) {
          fmt::print(stderr, "replicheck: error: {}: step {} does not replay: {}\n", args->file, r.failed_step, r.why);
          return int(kBadInput);
        }
        if (!cx->property || cx->property->kind == PropertyKind::Sometimes || !r.violated ||
            r.violated->name != cx->property->name) {
          fmt::print("{}: the trace violates no recorded property; nothing to minimise\n", args->file);
          return int(kPass);
        }
        Counterexample shorter = minimize(model, *cx);
        fmt::print("minimised {}: {} -> {} steps\n", args->file, cx->trace.length(), shorter.trace.length());
        fmt::print("{}", text_swimlanes(shorter));
        if (!args->out.empty()) write_counterexample(args->out, shorter);
        return int(kViolation);
      });
    };
  });
}

}  // namespace replicheck::cli
