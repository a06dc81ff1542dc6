/** The root-cause taxonomy an organization starts with: the program areas partners most often name. */
export function defaultRootCauses(): { id: string; name: string }[] {
  return [
    ["enablement", "Enablement and training"],
    ["deal_registration", "Deal registration"],
    ["co_marketing", "Co-marketing / MDF"],
    ["technical_support", "Technical support"],
    ["communication", "Communication"],
    ["profitability", "Profitability and margins"],
    ["ease_of_doing_business", "Ease of doing business"],
    ["product", "Product quality or fit"],
    ["pricing", "Pricing"],
    ["other", "Other"],
  ].map(([id, name]) => ({ id: id!, name: name! }));
}
