/**
 * What `npm run demo` writes into an empty newsroom. Our own writing, in
 * Indonesian, shaped like the portal page in SEED-PAGE.md; any resemblance to
 * real reporting is in the form only.
 */

export const DEMO_RUBRICS = [
  { slug: 'dunia', name: 'Dunia' },
  { slug: 'nasional', name: 'Nasional' },
  { slug: 'ekonomi', name: 'Ekonomi' },
  { slug: 'olahraga', name: 'Olahraga' },
  { slug: 'teknologi', name: 'Teknologi' },
];

export type StaffKey = 'hani' | 'bima' | 'ratna' | 'yusuf';

/** Demo logins, printed by the demo: the passwords are for a local newsroom only. */
export const DEMO_STAFF: Record<StaffKey, { email: string; name: string; password: string; roles: string[] }> = {
  hani: { email: 'hani@newsroom.local', name: 'Hani Fatunnisa', password: 'rahasia-hani', roles: ['reporter'] },
  bima: { email: 'bima@newsroom.local', name: 'Bima Prasetyo', password: 'rahasia-bima', roles: ['reporter'] },
  ratna: { email: 'ratna@newsroom.local', name: 'Ratna Kusumawati', password: 'rahasia-ratna', roles: ['editor'] },
  yusuf: { email: 'yusuf@newsroom.local', name: 'Yusuf Hidayat', password: 'rahasia-yusuf', roles: ['scheduler'] },
};

/**
 * Where the demo leaves an article, each reached through the real workflow.
 * `submitted` is not here: the draft service moves a submission to review
 * within moments, so it would not stay put.
 */
export type DemoOutcome = 'draft' | 'in_review' | 'claimed' | 'changes_requested' | 'rejected' | 'approved' | 'scheduled' | 'published' | 'unpublished';

export interface DemoArticle {
  author: StaffKey;
  outcome: DemoOutcome;
  /** how many distinct readers the demo sends to a published article (the Populer list) */
  readers?: number;
  /** the editor's words for a decision that needs them */
  comment?: string;
  content: {
    headline: string;
    lead: string;
    body: string;
    rubric: string;
    image?: { url: string; caption: string; credit: string };
    tags: string[];
    priority?: 'normal' | 'breaking';
  };
}

const paragraphs = (...texts: string[]): string => texts.map((t) => `<p>${t}</p>`).join('');

/** The page of SEED-PAGE.md: the world-news article by Hani Fatunnisa. */
const SEED_ARTICLE: DemoArticle = {
  author: 'hani',
  outcome: 'published',
  readers: 140,
  content: {
    headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku, Blok Barat Waspada',
    lead: 'Kesepakatan kemitraan strategis Pyongyang dan Moskow resmi berlaku setelah dokumen ratifikasi dipertukarkan.',
    body: [
      paragraphs(
        'Kesepakatan kemitraan strategis antara Korea Utara dan Rusia mulai berlaku pekan ini, setelah pejabat kedua negara menyerahkan dokumen ratifikasi dalam sebuah upacara singkat di Moskow.',
        'Naskah kesepakatan memuat janji saling membantu bila salah satu pihak menghadapi serangan bersenjata. Ketentuan itulah yang paling banyak disorot ibu kota negara-negara Barat.',
        'Sejumlah pemerintah di Eropa dan Asia Timur menyatakan akan memantau pelaksanaan pakta tersebut dengan saksama, terutama yang menyangkut kerja sama di bidang militer.',
      ),
      '<blockquote><p>"Kesepakatan ini bersifat membela diri dan tidak diarahkan kepada pihak mana pun," bunyi pernyataan yang disiarkan kantor berita pemerintah.</p></blockquote>',
      paragraphs(
        'Pengamat hubungan internasional menilai pakta itu menandai babak baru kedekatan kedua negara, yang dalam beberapa tahun terakhir makin sering bertukar kunjungan pejabat tinggi.',
        'Menurut mereka, dampak kesepakatan tidak hanya terasa pada bidang pertahanan, tetapi juga pada perdagangan, energi, dan jalur logistik di kawasan timur jauh.',
        'Di sisi lain, negara-negara tetangga di Semenanjung Korea meminta semua pihak menahan diri agar ketegangan di kawasan tidak meningkat.',
        'Hingga berita ini diturunkan, belum ada rincian resmi mengenai langkah pertama yang akan diambil kedua negara di bawah kesepakatan tersebut.',
      ),
    ].join(''),
    rubric: 'dunia',
    image: {
      url: 'https://img.newsroom.local/demo/kim-putin.jpg',
      caption: 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin',
      credit: 'Net',
    },
    tags: ['korea utara', 'rusia', 'pertahanan'],
  },
};

/** The rest of the desk's day, across every rubric and every state. */
const DESK: DemoArticle[] = [
  {
    author: 'bima',
    outcome: 'published',
    readers: 95,
    content: {
      headline: 'Gempa Magnitudo 6,1 Guncang Pesisir Selatan Filipina, Tak Ada Peringatan Tsunami',
      lead: 'Badan geofisika setempat memastikan gempa tidak berpotensi tsunami, namun warga diminta waspada terhadap gempa susulan.',
      body: paragraphs(
        'Gempa berkekuatan magnitudo 6,1 mengguncang wilayah pesisir selatan Filipina pada dini hari, membangunkan warga di sejumlah kota pelabuhan.',
        'Lembaga geofisika setempat menyebut pusat gempa berada di laut pada kedalaman sekitar 30 kilometer dan tidak memicu peringatan tsunami.',
        'Pemerintah daerah masih mendata kerusakan bangunan. Sejauh ini belum ada laporan korban jiwa, tetapi beberapa sekolah diliburkan untuk pemeriksaan.',
      ),
      rubric: 'dunia',
      tags: ['gempa', 'filipina'],
      priority: 'breaking',
    },
  },
  {
    author: 'hani',
    outcome: 'published',
    readers: 70,
    content: {
      headline: 'Pemerintah Tambah Kuota Mudik Gratis untuk Lebaran Tahun Ini',
      lead: 'Kementerian Perhubungan membuka pendaftaran tahap kedua setelah kuota awal habis dalam tiga hari.',
      body: paragraphs(
        'Pemerintah menambah kuota program mudik gratis menyusul tingginya minat masyarakat. Pendaftaran tahap kedua dibuka mulai pekan depan secara daring.',
        'Tambahan kuota mencakup bus antarkota, kapal laut, dan kereta api untuk tujuan di Jawa, Sumatra, serta Nusa Tenggara Barat.',
        'Pejabat kementerian mengingatkan calon pemudik agar mendaftar hanya melalui kanal resmi dan mewaspadai tautan palsu yang beredar di media sosial.',
      ),
      rubric: 'nasional',
      tags: ['mudik', 'lebaran', 'transportasi'],
    },
  },
  {
    author: 'bima',
    outcome: 'published',
    readers: 45,
    content: {
      headline: 'Harga Cabai Rawit di Pasar Induk Turun Dua Pekan Berturut-turut',
      lead: 'Pasokan dari sentra produksi di Jawa Timur mulai normal setelah panen raya.',
      body: paragraphs(
        'Harga cabai rawit di pasar induk kembali turun untuk pekan kedua berturut-turut seiring membaiknya pasokan dari daerah sentra produksi.',
        'Pedagang menyebut harga eceran kini berada jauh di bawah puncaknya bulan lalu, ketika curah hujan tinggi mengganggu panen di banyak kebun.',
        'Dinas perdagangan memperkirakan harga akan stabil hingga akhir bulan, selama cuaca mendukung dan distribusi antarprovinsi berjalan lancar.',
      ),
      rubric: 'ekonomi',
      tags: ['harga pangan', 'cabai'],
    },
  },
  {
    author: 'hani',
    outcome: 'published',
    readers: 60,
    content: {
      headline: 'Timnas Putri Lolos ke Semifinal Usai Tundukkan Vietnam 2-1',
      lead: 'Gol penentu lahir pada menit-menit akhir lewat sundulan dari sepak pojok.',
      body: paragraphs(
        'Tim nasional sepak bola putri memastikan tempat di semifinal setelah menang 2-1 atas Vietnam dalam laga yang berlangsung ketat hingga peluit akhir.',
        'Sempat tertinggal pada babak pertama, tim asuhan pelatih kepala itu menyamakan kedudukan lewat tendangan jarak jauh selepas turun minum.',
        'Gol kemenangan tercipta menjelang akhir laga dari sundulan memanfaatkan sepak pojok. Di semifinal, tim akan menghadapi juara bertahan.',
      ),
      rubric: 'olahraga',
      tags: ['timnas putri', 'sepak bola'],
    },
  },
  {
    author: 'bima',
    outcome: 'published',
    readers: 25,
    content: {
      headline: 'Startup Agritech Lokal Raih Pendanaan Seri A untuk Sensor Tanah',
      lead: 'Dana segar akan dipakai memperluas layanan ke petani hortikultura di luar Jawa.',
      body: paragraphs(
        'Sebuah perusahaan rintisan teknologi pertanian mengumumkan pendanaan seri A untuk mengembangkan sensor kelembapan dan unsur hara tanah.',
        'Perangkat itu mengirim data ke aplikasi ponsel sehingga petani dapat mengatur jadwal penyiraman dan pemupukan dengan lebih hemat.',
        'Pendiri perusahaan mengatakan sebagian dana akan dipakai membuka kantor layanan di Sulawesi dan Sumatra serta melatih penyuluh setempat.',
      ),
      rubric: 'teknologi',
      tags: ['startup', 'pertanian', 'pendanaan'],
    },
  },
  {
    author: 'hani',
    outcome: 'scheduled',
    content: {
      headline: 'Rupiah Menguat Tipis Jelang Rilis Data Inflasi',
      lead: 'Pelaku pasar menanti angka inflasi bulanan yang dijadwalkan terbit siang ini.',
      body: paragraphs(
        'Nilai tukar rupiah dibuka menguat tipis terhadap dolar Amerika Serikat pada perdagangan pagi, di tengah sikap hati-hati pelaku pasar.',
        'Analis menyebut investor menunggu rilis data inflasi bulanan yang akan menjadi petunjuk arah kebijakan suku bunga bank sentral.',
        'Penguatan juga ditopang masuknya dana asing ke pasar obligasi pemerintah dalam beberapa hari terakhir.',
      ),
      rubric: 'ekonomi',
      tags: ['rupiah', 'inflasi'],
    },
  },
  {
    author: 'bima',
    outcome: 'approved',
    content: {
      headline: 'Pebulu Tangkis Muda Melaju ke Final Turnamen Junior Asia',
      lead: 'Tunggal putra berusia 17 tahun itu belum kehilangan satu gim pun sepanjang turnamen.',
      body: paragraphs(
        'Pebulu tangkis muda Indonesia melaju ke final turnamen junior Asia setelah menang dua gim langsung di babak semifinal.',
        'Pemain tunggal putra berusia 17 tahun itu tampil tenang dan mengandalkan permainan net yang rapi untuk meredam lawan.',
        'Di partai puncak, ia akan berhadapan dengan unggulan pertama yang pernah mengalahkannya pada turnamen serupa tahun lalu.',
      ),
      rubric: 'olahraga',
      tags: ['bulu tangkis', 'junior'],
    },
  },
  {
    author: 'hani',
    outcome: 'claimed',
    content: {
      headline: 'Operator Seluler Uji Coba Jaringan 5G di Tiga Kota Baru',
      lead: 'Uji coba berlangsung tiga bulan sebelum layanan dibuka untuk pelanggan umum.',
      body: paragraphs(
        'Sebuah operator seluler memulai uji coba jaringan generasi kelima di tiga kota baru, memperluas cakupan dari kota-kota besar yang sudah lebih dulu terlayani.',
        'Selama masa uji coba, pelanggan terpilih dapat mencoba layanan tanpa biaya tambahan dan diminta memberi masukan soal kestabilan sinyal.',
        'Perusahaan menyebut hasil uji coba akan menentukan prioritas pembangunan menara baru pada paruh kedua tahun ini.',
      ),
      rubric: 'teknologi',
      tags: ['5g', 'telekomunikasi'],
    },
  },
  {
    author: 'bima',
    outcome: 'in_review',
    content: {
      headline: 'Banjir Rob Kembali Rendam Permukiman Pesisir Utara',
      lead: 'Ketinggian air mencapai lutut orang dewasa di sejumlah gang permukiman nelayan.',
      body: paragraphs(
        'Banjir rob kembali merendam permukiman di pesisir utara sejak sore, bertepatan dengan pasang air laut yang lebih tinggi dari biasanya.',
        'Warga memindahkan barang berharga ke tempat yang lebih tinggi, sementara petugas menyiagakan pompa air di titik-titik langganan genangan.',
        'Badan meteorologi memperkirakan pasang tinggi masih akan terjadi hingga tiga hari ke depan dan meminta warga pesisir tetap waspada.',
      ),
      rubric: 'nasional',
      tags: ['banjir rob', 'pesisir'],
      priority: 'breaking',
    },
  },
  {
    author: 'hani',
    outcome: 'changes_requested',
    comment: 'Tolong tambahkan data volume ekspor dan sumbernya, lalu konfirmasi ke asosiasi eksportir.',
    content: {
      headline: 'Ekspor Kopi Robusta Naik Didukung Permintaan Eropa',
      lead: 'Petani di dataran tinggi Sumatra menikmati harga jual yang lebih baik.',
      body: paragraphs(
        'Ekspor kopi robusta meningkat dalam beberapa bulan terakhir seiring naiknya permintaan dari pembeli di Eropa.',
        'Petani di dataran tinggi Sumatra mengaku menerima harga jual lebih baik dibanding musim panen sebelumnya.',
        'Meski demikian, eksportir mengingatkan pentingnya memenuhi aturan ketertelusuran asal-usul biji kopi yang mulai diberlakukan negara tujuan.',
      ),
      rubric: 'ekonomi',
      tags: ['kopi', 'ekspor'],
    },
  },
  {
    author: 'bima',
    outcome: 'rejected',
    comment: 'Sumber tunggal dan belum terverifikasi; tidak layak terbit.',
    content: {
      headline: 'Klaim Penemuan Kota Kuno di Gurun Sahara Ramai di Media Sosial',
      lead: 'Foto satelit yang beredar belum dikonfirmasi lembaga arkeologi mana pun.',
      body: paragraphs(
        'Sebuah unggahan di media sosial mengklaim telah menemukan reruntuhan kota kuno di tengah Gurun Sahara berdasarkan foto satelit.',
        'Unggahan itu dibagikan ribuan kali, tetapi belum ada lembaga arkeologi yang membenarkan temuan tersebut.',
        'Sejumlah peneliti menyebut pola di foto itu kemungkinan besar bentukan alami dari bukit pasir dan batuan.',
      ),
      rubric: 'dunia',
      tags: ['arkeologi', 'hoaks'],
    },
  },
  {
    author: 'hani',
    outcome: 'draft',
    content: {
      headline: 'Panduan Memilih Laptop untuk Mahasiswa Baru',
      lead: 'Prosesor, memori, dan daya tahan baterai lebih penting daripada merek.',
      body: paragraphs(
        'Memasuki tahun ajaran baru, banyak mahasiswa mencari laptop yang cukup bertenaga untuk kuliah tanpa menguras tabungan.',
        'Memori minimal delapan gigabita dan penyimpanan berbasis SSD membuat laptop terasa jauh lebih cepat untuk pekerjaan sehari-hari.',
        'Daya tahan baterai juga patut diperhatikan, terutama bagi mahasiswa yang banyak berpindah ruang kuliah sepanjang hari.',
      ),
      rubric: 'teknologi',
      tags: ['laptop', 'mahasiswa'],
    },
  },
  {
    author: 'bima',
    outcome: 'unpublished',
    comment: 'Ditarik: klub membatalkan pengumuman, menunggu konfirmasi resmi.',
    content: {
      headline: 'Klub Promosi Umumkan Pelatih Baru Jelang Musim Depan',
      lead: 'Manajemen klub menyebut pelatih baru akan memimpin latihan perdana bulan depan.',
      body: paragraphs(
        'Klub yang baru promosi ke kasta tertinggi mengumumkan pelatih kepala baru untuk mengarungi musim depan.',
        'Manajemen menyebut pelatih tersebut dipilih karena pengalamannya membina pemain muda di beberapa klub sebelumnya.',
        'Latihan perdana dijadwalkan bulan depan, sementara perekrutan pemain baru masih berlangsung.',
      ),
      rubric: 'olahraga',
      tags: ['liga', 'pelatih'],
    },
  },
];

/** Worked through in this order: the seed article last, so it is the newest on the UPDATE list. */
export const DEMO_ARTICLES: DemoArticle[] = [...DESK, SEED_ARTICLE];
