/* confdefs.h */
#define PACKAGE_NAME "refscope"
#define PACKAGE_TARNAME "refscope"
#define PACKAGE_VERSION "0.1.0"
#define PACKAGE_STRING "refscope 0.1.0"
#define PACKAGE_BUGREPORT ""
#define PACKAGE_URL ""
#define PACKAGE "refscope"
#define VERSION "0.1.0"
/* end confdefs.h.  */
#include <stdio.h>
int
main (void)
{
FILE *f = fopen ("conftest.out", "w");
 return ferror (f) || fclose (f) != 0;

  ;
  return 0;
}
