import { z } from "zod";
console.log(JSON.stringify(z.toJSONSchema(z.iso.datetime({ offset: true, precision: -1 }))));
console.log(z.object({}).strict().def.catchall?.constructor.name);
