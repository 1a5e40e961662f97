// The table of providers: adding one is a file with its Provider row and a
// line here (docs/triggers.md, "Adding a provider").
#include "triggers/provider.h"

namespace sf::triggers {

extern const Provider kShopify, kStripe, kSquare, kTypeform, kGoogleForms, kMailchimp,
    kStandardWebhooks;

const Provider* find_provider(std::string_view source) {
  static const Provider* const kProviders[] = {&kShopify,     &kStripe,    &kSquare,
                                               &kTypeform,    &kGoogleForms, &kMailchimp,
                                               &kStandardWebhooks};
  for (const Provider* provider : kProviders)
    if (provider->source == source) return provider;
  return nullptr;
}

}  // namespace sf::triggers
