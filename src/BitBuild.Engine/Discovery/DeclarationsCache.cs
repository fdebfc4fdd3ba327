using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.Discovery;

/// <summary>Declarations for commands that need no ProjectReference graph (a cache keyed on the inputs comes later).</summary>
public static class DeclarationsCache
{
    public static WorkspaceDeclarations Evaluate(Workspace workspace) => ComponentDiscovery.Evaluate(workspace);
}
