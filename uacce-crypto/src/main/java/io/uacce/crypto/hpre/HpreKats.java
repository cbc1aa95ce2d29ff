package io.uacce.crypto.hpre;

/**
 * Known answers of the HPRE self-tests, all from published vectors (hex, big-endian unless noted):
 * RSA/DH mod-exp — Wycheproof {@code rsa_pkcs1_2048_test.json} (Apache-2.0, C2SP/wycheproof), group 1's
 * key and tcId 7 (a 32-byte message under PKCS#1 v1.5 encryption); ECDH P-256 — Wycheproof
 * {@code ecdh_secp256r1_test.json} tcId 1; ECDSA P-256 — RFC 6979 A.2.5 (SHA-256, "sample");
 * X25519/X448 — RFC 7748 §5.2 (little-endian); SM2 — GB/T 32918.2-2016 appendix A's example on its
 * 256-bit test curve (ID "ALICE123@YAHOO.COM", message "message digest").
 */
final class HpreKats {
    private HpreKats() {
    }

    static final String RSA_N = "b3510a2bcd4ce644c5b594ae5059e12b2f054b658d5da5959a2fdf1871b808bc3df3e628d2792e51aad5c124b43bda45"
            + "3dca5cde4bcf28e7bd4effba0cb4b742bbb6d5a013cb63d1aa3a89e02627ef5398b52c0cfd97d208abeb8d7c9bce0bbe"
            + "b019a86ddb589beb29a5b74bf861075c677c81d430f030c265247af9d3c9140ccb65309d07e0adc1efd15cf17e7b055d"
            + "7da3868e4648cc3a180f0ee7f8e1e7b18098a3391b4ce7161e98d57af8a947e201a463e2d6bbca8059e5706e9dfed8f4"
            + "856465ffa712ed1aa18e888d12dc6aa09ce95ecfca83cc5b0b15db09c8647f5d524c0f2e7620a3416b9623cadc0f097a"
            + "f573261c98c8400aa12af38e43cad84d";
    static final String RSA_E = "10001";
    static final String RSA_D = "1a502d0eea6c7b69e21d5839101f705456ed0ef852fb47fe21071f54c5f33c8ceb066c62d727e32d26c58137329f89d3"
            + "195325b795264c195d85472f7507dbd0961d2951f935a26b34f0ac24d15490e1128a9b7138915bc7dbfa8fe396357131"
            + "c543ae9c98507368d9ceb08c1c6198a3eda7aea185a0e976cd42c22d00f003d9f19d96ea4c9afcbfe1441ccc802cfb06"
            + "89f59d804c6a4e4f404c15174745ed6cb8bc88ef0b33ba0d2a80e35e43bc90f350052e72016e75b00d357a381c9c0d46"
            + "7069ca660887c987766349fcc43460b4aa516bce079edd87ba164307b752c277ed9528ad3ba0bf1877349ed3b7966a6c"
            + "240110409bf4d0fade0c68fdadd847fd";
    static final String RSA_P = "ec125cf37e310a2ff46263b9b2e0629d6390005ec88913d4fb71bd4dd856124498aaeba983d7ba2bd942e64d223feb7a"
            + "23af4d605efeea6bd70d39afe99d35a3aa15e74a1768778093be0edd4a8d09b2def6dc9b67ff85764625c2e19236db4c"
            + "401ce30a2572d3ecb4f969b7ad19c522c02d774465676e1a3776c54d6248348b";
    static final String RSA_Q = "c2742abcd9897bd4b0b671f973fc82a8f84abf5705ff88dd41948623afe9dca60dc6543390767feaebeb539576ee8bfa"
            + "61b5fcbca94a7cef75a09150c540fa9694dd8004ad23718c889049219369c99f4458d4afc148f6f07df87324a96d9cf7"
            + "b385dd8622414a1832f9f29446f050c2d5a6407649dc41ab70e23b3dcc22c987";
    static final String RSA_DP = "96a9798d250263400bb6277342881627e07cecdf91187b01b89ff47314188a7c20fb24800156d2c85d5666e8df6ceff9"
            + "f9804ddfad80ff5767de56ecc029c72bf6c717df9f64daafc29acf9dc7908f9a0ad67e20e8949936ccba18d021a2c4fe"
            + "bb04349a2b2047c4901385b6e5d0c691d118b33f81802b32ac272ef09e42fad5";
    static final String RSA_DQ = "554f41b0b87f68a45722b3be0cf4ab1e165034c1a91002ab8f29e9ef9e2dab6fee7b2455bafb42037e9d2f7e533f348a"
            + "147412fd72080be7c2633f5d802c91c39e6bcece3e675e59995033c55737020dad9e8b30d04b828adfb9304ad54a11a3"
            + "5a4f50709876ac5b118236ba76a4d7c9a291dd9607b169de1d182385691999f";
    static final String RSA_QINV = "1c640189d9bfe8c623833210a76c420c6f44e5d760e259916cec2ae2b156456960fd95e2747660c389562250f055049c"
            + "fab7e5c3039549384a7a2aaeb1c824d3af709482a8cf9b587022a00b1f0722db50f33cb26dc20dd2245d5265df61ee29"
            + "83c938c2167dcee121fc4b4479c237e728cf633ab60a8c0ecd04fce7e3baa559";
    static final String RSA_CT = "18e280e8b03d8588b923842d15fddb0493285ecd7ad2d9a9878045ce615ba07cb811fd4a0737e91ece5a63b70b1edc23"
            + "e0da939ec654333eb77e956108b040bd6b92927e25a6922d1b92302036985915fedf9fb38431bbce1feee3ec42ff15bc"
            + "4a4b6d10b3da41ec96667b81163b30b46eef4f46fb22f187da8fd536461e5594bf557a6dfc2337883bee8d6187192a3b"
            + "4bea70398b01f3ea8c1547f6c57248243365b3c46b117924d8bb6845ea382c389c648d3e65ff0b8711bbe1a6fd3bea02"
            + "8f5808725f198cda0407a0ff46b5af261a37184547250f496800e697290e39d46d6bce67b767d73a63bd98f699c18281"
            + "80abfd51a3048d050d496236edf1e99d";
    static final String RSA_MSG = "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    static final String ECDH_D = "612465c89a023ab17855b0a6bcebfd3febb53aef84138647b5352e02c10c346";
    static final String ECDH_QX = "62d5bd3372af75fe85a040715d0f502428e07046868b0bfdfa61d731afe44f26";
    static final String ECDH_QY = "ac333a93a9e70a81cd5a95b5bf8d13990eb741c8c38872b4a07d275a014e30cf";
    static final String ECDH_X = "53020d908b0219328b658b525f26780e3ae12bcd952bb25a93bc0895e1714285";
    static final String ECDSA_D = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    static final String ECDSA_QX = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
    static final String ECDSA_QY = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
    /** SHA-256("sample"). */
    static final String ECDSA_H = "af2bdbe1aa9b6ec1e2ade1d694f41fc71a831d0268e9891562113d8a62add1bf";
    static final String ECDSA_K = "a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60";
    static final String ECDSA_R = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
    static final String ECDSA_S = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";

    static final String X25519_K = "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4";
    static final String X25519_U = "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c";
    static final String X25519_OUT = "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552";
    static final String X448_K = "3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3";
    static final String X448_U = "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086";
    static final String X448_OUT = "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f";

    /** GB/T 32918.2-2016 appendix A test curve Fp-256 and example. */
    static final String SM2T_P = "8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3";
    static final String SM2T_A = "787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498";
    static final String SM2T_B = "63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249a";
    static final String SM2T_N = "8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7";
    static final String SM2T_GX = "421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43d";
    static final String SM2T_GY = "0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2";
    static final String SM2_D = "128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263";
    static final String SM2_PX = "0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548a";
    static final String SM2_PY = "7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857";
    static final String SM2_ID = "ALICE123@YAHOO.COM";
    static final String SM2_MSG = "message digest";
    static final String SM2_K = "6cb28d99385c175c94f94e934817663fc176d925dd72b727260dbaae1fb2f96f";
    static final String SM2_R = "40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1";
    static final String SM2_S = "6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7";
}
