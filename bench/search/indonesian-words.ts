/**
 * Words of Indonesian news copy, commonest first (roughly: function words,
 * then the everyday vocabulary of politics, economy, law, sport and the
 * regions, many in several affixed forms, so the stemmer has work to do).
 * The archive's text draws from them with a Zipf-like skew.
 */
export const INDONESIAN_WORDS: readonly string[] = `
yang dan di dari untuk dengan ini itu dalam tidak akan pada juga ke oleh karena sudah ada bisa saat
telah para lebih mereka kata tersebut menjadi masih sebagai namun hingga setelah kami kita harus tahun
pemerintah indonesia presiden menteri negara masyarakat warga daerah kota provinsi kabupaten jakarta
pertahanan mempertahankan bertahan ketahanan kesepakatan menyepakati sepakat disepakati perjanjian
keamanan mengamankan aman pembangunan membangun dibangun bangunan ekonomi perekonomian pertumbuhan
tumbuh harga kenaikan menaikkan naik penurunan menurun turun anggaran keuangan pendapatan pajak
perusahaan pengusaha usaha investasi investor pasar perdagangan pedagang ekspor impor produksi
petani pertanian beras pangan kebutuhan membutuhkan energi listrik bahan bakar minyak subsidi
pendidikan sekolah siswa guru mahasiswa universitas kesehatan rumah sakit pasien dokter obat
penyakit vaksin kebijakan peraturan undang hukum pengadilan hakim jaksa polisi kepolisian penyidik
tersangka terdakwa korupsi penangkapan ditangkap menangkap pemeriksaan diperiksa memeriksa kasus
pemilihan pemilu kampanye calon partai dukungan mendukung didukung suara pemilih koalisi oposisi
parlemen dewan perwakilan rakyat anggota ketua wakil gubernur bupati walikota camat desa kepala
pertemuan bertemu menemui kunjungan mengunjungi berkunjung delegasi diplomasi hubungan kerja sama
kerjasama bilateral internasional dunia global luar negeri asing regional kawasan asia tenggara
tentara militer angkatan latihan pasukan perang konflik serangan menyerang diserang korban tewas
luka bencana banjir gempa longsor kebakaran cuaca hujan musim kemarau gunung letusan pengungsi
transportasi jalan tol kereta pesawat bandara pelabuhan kapal penumpang perjalanan mudik lalu lintas
teknologi digital internet aplikasi data informasi komunikasi media sosial jaringan keamanan siber
olahraga sepak bola pertandingan bertanding tim pemain pelatih juara kejuaraan turnamen gol menang
kemenangan kalah kekalahan liga final musim penonton stadion budaya seni musik film festival wisata
pariwisata wisatawan pantai pulau bali papua sumatera jawa kalimantan sulawesi maluku aceh medan
surabaya bandung semarang yogyakarta makassar rusia korea utara selatan amerika serikat china cina
jepang australia malaysia singapura thailand filipina vietnam india eropa inggris perancis jerman
rencana merencanakan direncanakan program proyek target sasaran laporan melaporkan dilaporkan data
penelitian peneliti meneliti hasil keputusan memutuskan diputuskan persetujuan menyetujui disetujui
penolakan menolak ditolak pembahasan membahas dibahas perubahan mengubah berubah peningkatan meningkat
meningkatkan penguatan memperkuat kuat pelaksanaan melaksanakan dilaksanakan pengawasan mengawasi
penanganan menangani ditangani perlindungan melindungi dilindungi pelayanan melayani layanan publik
kesejahteraan sejahtera kemiskinan miskin pengangguran lapangan pekerjaan pekerja buruh upah gaji
perempuan anak keluarga pemuda generasi lingkungan hidup hutan sampah polusi udara sungai laut air
menyampaikan disampaikan mengatakan menjelaskan dijelaskan menegaskan ditegaskan mengungkapkan
menurut sementara selain bahkan tetapi sehingga agar jika bila sejak selama antara terhadap tentang
pekan bulan hari minggu senin selasa rabu kamis jumat sabtu pagi siang malam kemarin besok lalu
pertama kedua ketiga baru besar kecil tinggi rendah banyak sedikit seluruh semua berbagai beberapa
penting utama khusus resmi nasional lokal pusat umum terbuka tertutup langsung segera cepat lambat
`.split(/\s+/).filter(Boolean);

/** Names for bylines. */
export const BYLINE_NAMES: readonly string[] = [
  'Hani Fatunnisa', 'Budi Santoso', 'Siti Rahmawati', 'Agus Prasetyo', 'Dewi Lestari', 'Rizky Ramadhan',
  'Putri Anggraini', 'Eko Wahyudi', 'Nurul Hidayah', 'Fajar Nugroho',
];
