// `replicheck replay FILE.json`: re-executes a trace on the current build of
// its model, checks every step is enabled and yields the recorded state, and
// re-checks the violation. Exit 1 reproduced, 0 no violation, 2 not replayable.
#include <fmt/format.h>

#include "explorer/cli/cli.hpp"
#include "explorer/cli/trace_model.hpp"
#include "explorer/trace/replay.hpp"

namespace replicheck::cli {

void add_replay(CLI::App& app, Runner& run) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "replay",
      "Re-execute a JSON trace (from `check --trace-out FILE.json`) on its model and re-check\n"
      "the violation. Exit 1 violation reproduced, 0 replays without violation, 2 cannot replay.");
  cmd->add_option("file", *file, "trace file (.json)")->required();
  cmd->callback([file, &run] {
    run = [file]() -> int {
      auto cx = load_or_complain(*file);
      if (!cx) return kBadInput;
      return with_trace_model(*file, *cx, [&](const auto& model) {
        ReplayOutcome r = replay(model, *cx);
        if (!r.replayed) {
          fmt::print(stderr, "replicheck: error: {}: step {} does not replay: {}\n", *file, r.failed_step, r.why);
          return int(kBadInput);
        }
        fmt::print("{}: {} steps replay on {}\n", *file, cx->trace.length(), cx->model);
        if (!r.violated) {
          fmt::print("no property is violated\n");
          return int(kPass);
        }
        fmt::print("step {} violates {} property '{}': {}\n", r.violated_at, to_string(r.violated->kind),
                   r.violated->name, r.violated->meaning);
        if (cx->property && cx->property->name != r.violated->name)
          fmt::print("(the trace was recorded for '{}', which it no longer violates)\n", cx->property->name);
        return int(kViolation);
      });
    };
  });
}

}  // namespace replicheck::cli
