namespace Hello.World;

public static class Greeter
{
    public static string Greet(string name) => $"hello {Utils.String.Shout.Loud(name)} (from hello/world)";
}
