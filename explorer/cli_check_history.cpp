// Placeholder until the history checkers land (issue 4).
#include "explorer/cli.hpp"

namespace replicheck::cli {
void add_check_history(CLI::App&, Runner&) {}
}  // namespace replicheck::cli
