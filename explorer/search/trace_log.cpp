#include "explorer/search/trace_log.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace replicheck {

TraceLog::TraceLog() { buffer_.reserve(kBufferEntries); }

TraceLog::~TraceLog() {
  if (file_) std::fclose(file_);
}

void TraceLog::flush() {
  if (!file_) {
    file_ = std::tmpfile();  // unlinked at once; gone when the run ends
    if (!file_)
      throw std::runtime_error(std::string("cannot create the trace file in $TMPDIR: ") +
                               std::strerror(errno));
  }
  if (std::fwrite(buffer_.data(), sizeof(std::uint64_t), buffer_.size(), file_) != buffer_.size())
    throw std::runtime_error(std::string("cannot write the trace file: ") + std::strerror(errno));
  flushed_ += buffer_.size();
  buffer_.clear();
}

TraceLog::Entry TraceLog::get(std::uint64_t index) const {
  std::uint64_t raw = 0;
  if (index >= flushed_) {
    raw = buffer_.at(index - flushed_);
  } else {
    std::fflush(file_);
    auto offset = static_cast<off_t>(index * sizeof raw);
    if (pread(fileno(file_), &raw, sizeof raw, offset) != sizeof raw)
      throw std::runtime_error("cannot read back the trace file");
  }
  return {raw >> 16, static_cast<std::uint16_t>(raw & 0xffff)};
}

}  // namespace replicheck
