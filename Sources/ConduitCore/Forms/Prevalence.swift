/// Seed 004's way of counting: each file once per category it concerns; mentions add up to
/// more than files when a file concerns several.
///
/// Seed 004 section 4.3: 34 files, 35 category mentions, "one case is counted twice as it
/// related to concerns about spirit possession and child trafficking".
public struct Prevalence: Sendable, Equatable {
    /// How many files a category was found in.
    public struct CategoryCount: Sendable, Equatable {
        public var category: AbuseCategory
        public var files: Int

        public init(category: AbuseCategory, files: Int) {
            self.category = category
            self.files = files
        }
    }

    /// Files audited, whatever they concern.
    public var files: Int
    /// In AbuseCategory.allCases order, categories no file concerns left out.
    public var perCategory: [CategoryCount]
    /// The sum of `perCategory`: files concerning several categories count once in each.
    public var mentions: Int
    /// Files concerning more than one category, so the reader can see why mentions exceed files.
    public var filesInSeveral: Int

    public init(files: Int, perCategory: [CategoryCount], mentions: Int, filesInSeveral: Int) {
        self.files = files
        self.perCategory = perCategory
        self.mentions = mentions
        self.filesInSeveral = filesInSeveral
    }

    /// The files found for one category (0 when none).
    public func files(in category: AbuseCategory) -> Int {
        perCategory.first { $0.category == category }?.files ?? 0
    }

    /// Counts the categories of each audited file.
    public static func count(_ files: [Set<AbuseCategory>]) -> Prevalence {
        var tally: [AbuseCategory: Int] = [:]
        for file in files {
            for category in file { tally[category, default: 0] += 1 }
        }
        let perCategory = AbuseCategory.allCases.compactMap { category in
            tally[category].map { CategoryCount(category: category, files: $0) }
        }
        return Prevalence(files: files.count, perCategory: perCategory,
                          mentions: perCategory.reduce(0) { $0 + $1.files },
                          filesInSeveral: files.filter { $0.count > 1 }.count)
    }
}
