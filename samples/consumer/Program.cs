// Hello.World comes from the package user.my-collection.hello.world; Utils.String from its dependency
// user.my-collection.utils.string, which NuGet resolved from the same scope.
System.Console.WriteLine(Hello.World.Greeter.Greet("world"));
System.Console.WriteLine(Utils.String.Shout.Loud("and utils/string"));
