// replicheck: exhaustive and randomised checking of multi-region replication
// protocols. See README.md and docs/ARCHITECTURE.md.
#include <cstdio>
#include <exception>

#include "explorer/cli/cli.hpp"

int main(int argc, char** argv) {
  namespace cli = replicheck::cli;
  CLI::App app{
      "replicheck: a model checker for multi-region replication protocols.\n"
      "Exit codes: 0 pass, 1 violation, 2 bad input, 3 incomplete (a bound was hit)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "replicheck 0.1");
  cli::Runner run;
  cli::add_list(app, run);
  cli::add_check(app, run);
  cli::add_check_history(app, run);
  cli::add_replay(app, run);
  cli::add_minimize(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, as every other error: CLI11's own adds "Run with --help".
    std::fprintf(stderr, "replicheck: error: %s\n", e.what());
    return cli::kBadInput;
  }
  try {
    return run ? run() : cli::kBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "replicheck: error: %s\n", e.what());
    return cli::kBadInput;
  }
}
