// The API-overhead baseline (bench/run.sh): a bare cpp-httplib server answering GET /hello with a
// tiny JSON body, configured like PSL's server (src/psl/api/server.cc): a pool of 64 request
// threads, keep-alive for up to 1000 requests per connection, and Nagle's algorithm off. The difference between it and
// `psl serve` under the same load is what PSL's own work costs (routing, session lookup in the
// database, JSON, logging).
//
//   hello_server PORT [--tcp-nodelay]    (listens on 127.0.0.1; stops on SIGINT or SIGTERM)
//
// --tcp-nodelay is kept for compatibility; both servers now always turn Nagle's algorithm off.
#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

namespace {

constexpr int kThreads = 64;  // PSL's ServerOptions::threads default
constexpr int kKeepAliveMaxCount = 1000;

}  // namespace

int main(int argc, char** argv) {
  const bool tcp_nodelay = argc == 3 && std::string_view(argv[2]) == "--tcp-nodelay";
  if (argc < 2 || (argc == 3 && !tcp_nodelay) || argc > 3) {
    std::fprintf(stderr, "usage: %s PORT [--tcp-nodelay]\n", argv[0]);
    return 2;
  }
  char* end = nullptr;
  const long port = std::strtol(argv[1], &end, 10);
  if (*end != '\0' || port < 1 || port > 65535) {
    std::fprintf(stderr, "hello_server: PORT must be 1..65535, not '%s'\n", argv[1]);
    return 2;
  }
  const std::string host = "127.0.0.1";

  // Only the watcher thread below receives the stop signals.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  server.set_keep_alive_max_count(kKeepAliveMaxCount);
  (void)tcp_nodelay;
  server.set_tcp_nodelay(true);
  server.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"hello":"world"})", "application/json");
  });

  // The same listening socket as PSL's (src/psl/api/server.cc Server::Bind): SO_REUSEADDR only,
  // and a full listen backlog instead of the library's 5.
  socket_t listening = INVALID_SOCKET;
  server.set_socket_options([&listening](socket_t socket) {
    const int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = socket;
  });
  if (!server.bind_to_port(host, static_cast<int>(port))) {
    std::fprintf(stderr, "hello_server: cannot listen on %s:%ld\n", host.c_str(), port);
    return 1;
  }
  if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
  std::thread watcher([&server, &stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  watcher.detach();

  std::printf("hello_server listening on http://%s:%ld/hello\n", host.c_str(), port);
  std::fflush(stdout);
  server.listen_after_bind();
  return 0;
}
