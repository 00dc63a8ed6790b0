import ArgumentParser

/// `devmentor projects …`: the projects service, with the claim protocol of docs/projects.md.
struct ProjectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "List, create, show, claim, release and edit projects.",
        subcommands: [
            ProjectsList.self, ProjectsCreate.self, ProjectsShow.self, ProjectsClaim.self, ProjectsRelease.self, ProjectsEdit.self,
            ProjectsAddCollaborator.self, ProjectsRemoveCollaborator.self,
        ]
    )
}
