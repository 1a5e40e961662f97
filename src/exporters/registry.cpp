#include "exporters/registry.h"

#include <string>
#include <vector>

#include "base/error.h"
#include "base/text.h"

namespace sf::exporters {

std::span<const Exporter* const> all_exporters() {
  static const std::vector<const Exporter*> kExporters = {
      &telegram_exporter(), &whatsapp_exporter(), &signal_exporter(),
      &imessage_exporter(), &line_exporter(),     &discord_exporter(),
      &viber_exporter(),    &wechat_exporter(),   &kik_exporter(),
  };
  return kExporters;
}

const Exporter& find_exporter(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const Exporter* exporter : all_exporters()) {
    if (exporter->spec().id == id) return *exporter;
    ids.push_back(exporter->spec().id);
  }
  std::string hint = did_you_mean(id, ids);
  if (hint.empty()) {
    std::vector<std::string> names(ids.begin(), ids.end());
    hint = " expected one of " + join(names, ", ");
  }
  throw bad_input("unknown platform " + quote(id) + ";" + hint);
}

}  // namespace sf::exporters
