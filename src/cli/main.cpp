#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/run_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  return sf::cli::run_cli(args, std::cout, std::cerr, ::isatty(STDERR_FILENO) != 0);
}
