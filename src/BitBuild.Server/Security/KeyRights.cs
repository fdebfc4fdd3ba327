namespace BitBuild.Server.Security;

/// <summary>What a key may do in its scope. Write includes read.</summary>
public enum KeyRights
{
    Read,
    Write,
}
