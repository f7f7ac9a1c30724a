// The HTTP server: the route table on cpp-httplib, plus the web interface's static files.
// Every response to a caller's mistake is a 4xx with the JSON error body; one JSON log line is
// written per request; Stop() lets requests in flight finish (graceful shutdown).
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "psl/api/metrics.h"
#include "psl/app/app.h"

namespace httplib {
class Server;
}

namespace psl::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;           // 0 picks a free port (tests)
  std::string web_root;      // folder with the built web interface; empty serves none
  // Request threads. cpp-httplib keeps a keep-alive connection on one thread, so this is also
  // how many clients are served at once; the store pools its own database connections.
  int threads = 64;
  std::FILE* log = stdout;   // one JSON line per request; nullptr logs nothing
};

class Server {
 public:
  Server(app::App& app, ServerOptions options);
  ~Server();

  // Binds the listening socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop(); returns when the listening loop has ended.
  void Run();
  // Safe from any thread (and from a signal-watching thread).
  void Stop();

  const Metrics& metrics() const { return metrics_; }

 private:
  void RegisterRoutes();
  void WriteLog(const std::string& line);

  app::App& app_;
  ServerOptions options_;
  Metrics metrics_;
  std::unique_ptr<httplib::Server> http_;
  std::string index_html_;
};

}  // namespace psl::api
