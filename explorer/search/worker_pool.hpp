// Runs one job on N workers at once and waits for all of them: the calling
// thread is worker 0, the others sleep between jobs.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace replicheck {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned workers);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned size() const { return workers_; }
  // Calls job(w) for w in [0, size()) in parallel; returns when all are done.
  // The first exception thrown by a job is rethrown here.
  void run(const std::function<void(unsigned)>& job);

 private:
  void loop(unsigned w);
  unsigned workers_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable start_, done_;
  const std::function<void(unsigned)>* job_ = nullptr;
  unsigned long generation_ = 0;
  unsigned running_ = 0;
  bool quit_ = false;
  std::exception_ptr error_;
};

}  // namespace replicheck
