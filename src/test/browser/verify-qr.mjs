// Reads the Health Card's QR images (PNG, in chunk order or not) back into the card and verifies it.
//   node verify-qr.mjs <registry> <image.png>...   prints the card's patient and doses as JSON
import { jwsOfQrTexts, readQr, summary, verifyHealthCard } from "./health-card.mjs";

const [registry, ...images] = process.argv.slice(2);
const jws = jwsOfQrTexts(images.map(readQr));
console.log(JSON.stringify(summary(await verifyHealthCard(jws, registry))));
