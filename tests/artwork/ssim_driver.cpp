// artwork_ssim: prints artwork::ssim() of image pairs, so tools/bench-build
// scores a peer's files with exactly the metric stickerforge's report.json
// uses (luminance over mid-grey, 11-tap Gaussian window).
// usage: artwork_ssim < pairs.txt   (one "REFERENCE CANDIDATE" per line)
// prints one "SSIM CANDIDATE" line per pair; exit 2 on an unreadable image.
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "artwork/artwork.h"
#include "base/error.h"
#include "base/files.h"

int main() {
  sf::artwork::initialize();
  std::string line;
  try {
    while (std::getline(std::cin, line)) {
      std::istringstream words(line);
      std::string reference, candidate;
      if (!(words >> reference >> candidate)) continue;
      sf::artwork::Raster a = sf::artwork::decode(sf::read_file(reference), reference);
      sf::artwork::Raster b = sf::artwork::decode(sf::read_file(candidate), candidate);
      std::cout << std::fixed << std::setprecision(4) << sf::artwork::ssim(a, b) << ' '
                << candidate << '\n';
    }
  } catch (const std::exception& error) {
    std::cerr << "artwork_ssim: error: " << error.what() << '\n';
    return 2;
  }
  return 0;
}
