// The command line: one file per subcommand, each registering itself on the
// application. Parsing happens once in main; the chosen subcommand's runner
// then returns the process exit code.
#pragma once
#include <functional>

#include <CLI/CLI.hpp>

namespace replicheck::cli {

// Exit codes shared by every subcommand.
enum Exit : int { kPass = 0, kViolation = 1, kBadInput = 2, kIncomplete = 3 };

using Runner = std::function<int()>;

void add_list(CLI::App& app, Runner& run);
void add_check(CLI::App& app, Runner& run);
void add_check_history(CLI::App& app, Runner& run);
void add_replay(CLI::App& app, Runner& run);
void add_minimize(CLI::App& app, Runner& run);
void add_matrix(CLI::App& app, Runner& run);

}  // namespace replicheck::cli
