/// Turns spec names into identifiers.
public enum Naming {
    /// `grid_levels` → `GridLevels`, `list-orders` → `ListOrders`, `getOrder` → `GetOrder`.
    /// Words written in capitals (`MISSING_TOKEN`, `OVERHEAT`) are capitalised
    /// (`MissingToken`, `Overheat`); mixed-case words keep their inner capitals.
    public static func pascalCase(_ text: String) -> String {
        var result = ""
        for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let letters = word.filter(\.isLetter)
            let shouting = letters.count > 1 && letters.allSatisfy(\.isUppercase)
            let rest = shouting ? word.dropFirst().lowercased() : String(word.dropFirst())
            result += word.prefix(1).uppercased() + rest
        }
        return result
    }

    /// `grid_levels` → `gridLevels`, `GetOrder` → `getOrder`, `X-API-Key` → `xAPIKey`.
    public static func camelCase(_ text: String) -> String {
        let pascal = pascalCase(text)
        guard let first = pascal.first else { return pascal }
        // Lower a leading run of capitals, keeping the last one when a lower-case letter follows
        // ("APIKey" → "apiKey").
        let characters = Array(pascal)
        var index = 0
        while index < characters.count, characters[index].isUppercase { index += 1 }
        if index <= 1 { return first.lowercased() + pascal.dropFirst() }
        let cut = index == characters.count ? index : index - 1
        return String(characters[..<cut]).lowercased() + String(characters[cut...])
    }

    /// `base`, or `base` followed by the first number from 2 up that makes it a name not in
    /// `taken` (`Order`, `Order2`, `Order3`).
    static func unique(_ base: String, in taken: Set<String>) -> String {
        var name = base
        var counter = 2
        while taken.contains(name) {
            name = base + String(counter)
            counter += 1
        }
        return name
    }
}
