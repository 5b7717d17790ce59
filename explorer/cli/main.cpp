// replicheck: exhaustive and randomised checking of multi-region replication
// protocols. See README.md and docs/ARCHITECTURE.md.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "explorer/cli/cli.hpp"
#include "explorer/trace/counterexample.hpp"

namespace {

// Edits (insert, delete, substitute) from a to b, for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// CLI11 takes an unknown first word for a stray argument and says only "A
// subcommand is required"; name it, and the nearest subcommand if close.
bool unknown_subcommand(CLI::App& app, const std::string& word) {
  if (word.empty() || word[0] == '-') return false;
  std::string nearest;
  std::size_t best = 3;  // suggest only within two edits
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return false;
    if (std::size_t d = edit_distance(word, sub->get_name()); d < best) best = d, nearest = sub->get_name();
  }
  std::string hint = nearest.empty() ? "see `replicheck help`" : "did you mean " + nearest + "?";
  std::fprintf(stderr, "replicheck: error: unknown subcommand '%s' (%s)\n", word.c_str(), hint.c_str());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = replicheck::cli;
  CLI::App app{
      "replicheck: a model checker for multi-region replication protocols.\n"
      "Exit codes: 0 pass, 1 violation (even if a bound then stopped the run), 2 bad input,\n"
      "3 incomplete (a bound, Ctrl-C or SIGTERM stopped the run before it could decide)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", replicheck::build_id());
  cli::Runner run;
  cli::add_list(app, run);
  cli::add_check(app, run);
  cli::add_check_history(app, run);
  cli::add_replay(app, run);
  cli::add_minimize(app, run);
  cli::add_matrix(app, run);
  // `replicheck help [SUBCOMMAND]`, as git and cargo have it.
  std::string topic;
  auto* help = app.add_subcommand("help", "Print this help, or a subcommand's: help SUBCOMMAND");
  help->add_option("subcommand", topic, "the subcommand to describe");
  help->callback([&] {
    run = [&]() -> int {
      // Not app.help(): once `help` is parsed, that describes `help` itself.
      std::string text = app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
      if (!topic.empty()) {
        if (unknown_subcommand(app, topic)) return cli::kBadInput;
        text = app.get_subcommand(topic)->help(app.get_name());
      }
      std::fputs(text.c_str(), stdout);
      return cli::kPass;
    };
  });
  if (argc > 1 && unknown_subcommand(app, argv[1])) return cli::kBadInput;
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
