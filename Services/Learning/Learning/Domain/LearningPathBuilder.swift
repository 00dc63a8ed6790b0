import Contracts
import Foundation

/// Module statuses from prerequisites and progress. A module is unlocked once every prerequisite is completed
/// and, for a practice module, once project activity opened it; recorded progress then decides the rest
/// (`ModuleStatus.init(progress:unlocked:)`).
public enum LearningPathBuilder {
    public static func path(_ curriculum: Curriculum, _ record: LearnerRecord) -> LearningPath {
        LearningPath(userId: record.userId, modules: curriculum.modules.map { module in
            let progress = record.progress(of: module.id)
            return LearningPath.Module(
                id: module.id, title: module.title,
                status: ModuleStatus(progress: progress, unlocked: isUnlocked(module, curriculum, record)),
                progress: progress
            )
        })
    }

    public static func isUnlocked(_ module: CurriculumModule, _ curriculum: Curriculum, _ record: LearnerRecord) -> Bool {
        let prerequisitesDone = curriculum.prerequisites(of: module).allSatisfy { record.progress(of: $0.id) >= 100 }
        return prerequisitesDone && (!module.isPractice || record.unlocks[module.id] != nil)
    }
}
