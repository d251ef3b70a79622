import { z } from "zod";
const d = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((v) => v.length);
console.log(JSON.stringify(z.toJSONSchema(d, { io: "input", unrepresentable: "any" })));
console.log(JSON.stringify(z.toJSONSchema(z.object({a: z.string()}).strict().optional(), { io: "input" })));
console.log(JSON.stringify(z.toJSONSchema(z.object({a: z.coerce.number().int().min(2000)}).loose(), { io: "input" })));
const idList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string().regex(/^a+$/)).min(1));
console.log(JSON.stringify(z.toJSONSchema(idList, { io: "input", unrepresentable: "any" })));
for (const s of ["2021-02-30", "2021-02-30T10:00Z", "2021-09-15T16:00+0300", "2021-09-15T16:00+03", "2021-09-15T16Z", "2021-09-15T16:00:00.123456Z"]) console.log(s, d.safeParse(s).success, new Date(s).toString());
