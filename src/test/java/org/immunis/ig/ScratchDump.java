package org.immunis.ig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.*;
import java.nio.file.*;
public class ScratchDump {
  public static void main(String[] a) throws Exception {
    FhirContext ctx = FhirContext.forR4Cached();
    long t0=System.currentTimeMillis();
    RegistryImplementationGuide ig = RegistryImplementationGuide.loadFromClasspath(ctx);
    System.out.println("pkg "+ig.packageName()+" "+ig.packageVersion()+" res="+ig.conformanceResources().size()+" ex="+ig.examples().size());
    RegistryValidatorFactory f = new RegistryValidatorFactory(ctx, ig);
    System.out.println("init ms "+(System.currentTimeMillis()-t0));
    for (String dir : new String[]{"ig/examples/valid","ig/examples/invalid"}) {
      try (var s = Files.list(Path.of(dir))) { for (Path p : s.sorted().toList()) {
        var r = ctx.newJsonParser().parseResource(Files.readString(p));
        ValidationResult res = f.validator().validateWithResult(r);
        System.out.println("== "+p);
        for (SingleValidationMessage m : res.getMessages()) System.out.println("  "+m.getSeverity()+" | "+m.getLocationString()+" | "+m.getMessage()+" | "+m.getMessageId());
      }}
    }
  }
}
