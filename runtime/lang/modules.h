/* lang/modules.h: the importable modules (copy, gc, sys, heaplab). */
#ifndef HEAPLAB_LANG_MODULES_H
#define HEAPLAB_LANG_MODULES_H

#include "../rt.h"

/* `import name`: the module (made once per runtime), or HL_NOVALUE with
 * ModuleNotFoundError "No module named 'name'". */
hl_value hl_lang_import(hl_runtime *rt, hl_value name);

#endif
