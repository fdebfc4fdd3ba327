System.Console.WriteLine(Acme.Toolkit.Http.Routes.AsJson("Hello Toolkit World"));
