// Option checks shared by the subcommands, so a bad value fails before any
// search with one line naming the option. CLI11 alone wraps "-1" to 2^64-1
// and reports a bad number as a range with a 300-digit bound.
#pragma once
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <unistd.h>

namespace replicheck::cli {

// A whole number within 64 bits, at least `min`.
inline CLI::Validator count_at_least(std::uint64_t min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        std::uint64_t v = 0;
        const char* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range))
          return "'" + text + "' is not a non-negative integer";
        if (ec == std::errc::result_out_of_range) return "'" + text + "' is too large (at most 2^64-1)";
        if (v < min) return "must be at least " + std::to_string(min);
        return "";
      },
      min ? "INT>=" + std::to_string(min) : "INT>=0");
}

// --workers,-w: the same option, text and range wherever a search runs.
inline CLI::Option* add_workers_option(CLI::App* cmd, unsigned& workers) {
  return cmd->add_option("--workers,-w", workers, "search threads (default: number of cores)")
      ->check(CLI::Range(1u, 16u));
}

// A number of seconds: finite and >= 0 (or > 0 when `positive`).
inline CLI::Validator seconds(bool positive) {
  return CLI::Validator(
      [positive](std::string& text) -> std::string {
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        bool number = !text.empty() && end == text.c_str() + text.size() && v == v && v < 1e300;
        if (!number || v < 0 || (positive && v == 0))
          return positive ? "must be a positive number" : "must be a non-negative number";
        return "";
      },
      positive ? "SECONDS>0" : "SECONDS>=0");
}

// "512M", "2GiB", "1000000" -> bytes, for `option` (--max-memory of check
// and check-history: the same suffixes everywhere). `zero_allowed`: "0"
// means no limit.
inline std::uint64_t parse_bytes(const std::string& option, const std::string& text, bool zero_allowed = false) {
  std::size_t end = 0;
  double v = 0;
  try {
    v = std::stod(text, &end);
  } catch (...) {
    throw CLI::ValidationError(option, "'" + text + "' is not a size (e.g. 512M, 2G)");
  }
  std::string unit = text.substr(end);
  double scale = 1;
  if (unit == "" || unit == "B") scale = 1;
  else if (unit == "K" || unit == "KiB") scale = 1024.0;
  else if (unit == "M" || unit == "MiB") scale = 1024.0 * 1024;
  else if (unit == "G" || unit == "GiB") scale = 1024.0 * 1024 * 1024;
  else throw CLI::ValidationError(option, "unknown unit '" + unit + "' (use K, M or G)");
  if (!std::isfinite(v)) throw CLI::ValidationError(option, "'" + text + "' is not a size (e.g. 512M, 2G)");
  if (v * scale >= 0x1p62) throw CLI::ValidationError(option, "'" + text + "' is too large");
  if (v < 0 || (v == 0 && !zero_allowed)) throw CLI::ValidationError(option, "must be positive");
  return std::uint64_t(v * scale);
}

// An output file whose directory exists and is writable, checked before the
// search so an hours-long run does not end unable to save its trace.
inline std::string writable_path_error(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return "directory '" + dir.string() + "' does not exist";
  if (access(dir.c_str(), W_OK) != 0) return "directory '" + dir.string() + "' is not writable";
  return "";
}

}  // namespace replicheck::cli
